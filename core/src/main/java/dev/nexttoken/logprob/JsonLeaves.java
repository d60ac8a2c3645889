package dev.nexttoken.logprob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.error.InvalidModelOutputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds every leaf value of a JSON text with its JSONPath and its character span: for a string,
 * the characters between its quotes; for a number, {@code true}, {@code false} or {@code null}, the
 * literal. A small scanner rather than Jackson's parser because the spans are the point and must be
 * exact; Jackson decodes each leaf's literal, so values read exactly as Jackson reads them.
 */
final class JsonLeaves {
  private static final ObjectMapper LITERALS = new ObjectMapper();
  private static final int MAX_DEPTH = 200;

  /** One leaf: where it is in the document and in the text, and its value. */
  record Leaf(String path, Object value, int start, int end) {}

  private final String s;
  private int i;
  private final List<Leaf> leaves = new ArrayList<>();

  private JsonLeaves(String text) {
    this.s = text;
  }

  /**
   * @param text one JSON value, with whitespace around it allowed
   * @throws InvalidModelOutputException when the text is not one JSON value
   */
  static List<Leaf> of(String text) {
    JsonLeaves scanner = new JsonLeaves(text);
    scanner.ws();
    scanner.value("$", 0);
    scanner.ws();
    if (scanner.i != text.length()) {
      throw scanner.error("text after the JSON value");
    }
    return scanner.leaves;
  }

  private void value(String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    if (i >= s.length()) {
      throw error("the JSON ends early");
    }
    char c = s.charAt(i);
    if (c == '{') {
      object(path, depth);
    } else if (c == '[') {
      array(path, depth);
    } else if (c == '"') {
      int start = i + 1;
      int end = stringEnd();
      leaves.add(new Leaf(path, decode(s.substring(start - 1, end + 1)), start, end));
    } else {
      int start = i;
      while (i < s.length() && ",]} \t\r\n".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      if (start == i) {
        throw error("a value was expected");
      }
      leaves.add(new Leaf(path, decode(s.substring(start, i)), start, i));
    }
  }

  private void object(String path, int depth) {
    i++;
    ws();
    if (peek('}')) {
      i++;
      return;
    }
    while (true) {
      ws();
      if (!peek('"')) {
        throw error("a key in quotes was expected");
      }
      int keyStart = i;
      int keyEnd = stringEnd();
      String key = (String) decode(s.substring(keyStart, keyEnd + 1));
      ws();
      expect(':');
      ws();
      value(path + segment(key), depth + 1);
      ws();
      if (peek(',')) {
        i++;
        continue;
      }
      expect('}');
      return;
    }
  }

  private void array(String path, int depth) {
    i++;
    ws();
    if (peek(']')) {
      i++;
      return;
    }
    for (int n = 0; ; n++) {
      ws();
      value(path + "[" + n + "]", depth + 1);
      ws();
      if (peek(',')) {
        i++;
        continue;
      }
      expect(']');
      return;
    }
  }

  /** From an opening quote at {@code i}: moves past the closing quote and returns its index. */
  private int stringEnd() {
    int j = i + 1;
    while (j < s.length() && s.charAt(j) != '"') {
      j += s.charAt(j) == '\\' ? 2 : 1;
    }
    if (j >= s.length()) {
      i = s.length();
      throw error("a string is not closed");
    }
    i = j + 1;
    return j;
  }

  /** {@code .key} for a plain name, {@code ["key"]} otherwise (the JSONPath bracket form). */
  static String segment(String key) {
    boolean plain = !key.isEmpty() && (Character.isLetter(key.charAt(0)) || key.charAt(0) == '_');
    for (int k = 1; plain && k < key.length(); k++) {
      char c = key.charAt(k);
      plain = Character.isLetterOrDigit(c) || c == '_';
    }
    if (plain) {
      return "." + key;
    }
    try {
      return "[" + LITERALS.writeValueAsString(key) + "]";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object decode(String literal) {
    try {
      return LITERALS.readValue(literal, Object.class);
    } catch (JsonProcessingException e) {
      throw error("\"" + (literal.length() > 40 ? literal.substring(0, 40) + "…" : literal) + "\" is not a JSON value");
    }
  }

  private void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private boolean peek(char c) {
    return i < s.length() && s.charAt(i) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("'" + c + "' was expected");
    }
    i++;
  }

  private InvalidModelOutputException error(String what) {
    return new InvalidModelOutputException("the answer is not valid JSON: " + what + " at character " + i, s, null);
  }
}
