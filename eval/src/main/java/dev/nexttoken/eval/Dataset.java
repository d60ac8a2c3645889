package dev.nexttoken.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.Message;
import dev.nexttoken.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON Lines dataset, one item a line; blank lines are skipped, unknown fields ignored.
 *
 * <ul>
 *   <li>generate: {@code {"id", "prompt" | "messages": [{"role", "content"}], "maxTokens"?, "temperature"?, "topLogprobs"?}}
 *   <li>score: {@code {"id", "prompt"?, "text"}}
 *   <li>classify: {@code {"id", "prompt", "labels": [...], "gold"?}}
 * </ul>
 *
 * <p>An item without an id gets its line number; an id may be a string or an integer. The whole file
 * is checked before anything runs: a bad line is refused with an {@link EvalInputException} naming the
 * file, the line and what is wrong, and so is an id given twice (results are keyed by id and target).
 */
public final class Dataset {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Dataset() {}

  /** Every item of {@code file}, in file order. */
  public static List<EvalItem> read(Path file) {
    List<EvalItem> items = new ArrayList<>();
    Map<String, Integer> lineOfId = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        EvalItem item = parse(text, line, file + " line " + line + ": ");
        Integer earlier = lineOfId.putIfAbsent(item.id(), line);
        if (earlier != null) {
          throw new EvalInputException(file + " line " + line + ": id \"" + item.id() + "\" was already used on line " + earlier
              + "; results are keyed by (id, target), so ids must be unique");
        }
        items.add(item);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new EvalInputException("dataset " + file + " does not exist");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new EvalInputException("dataset " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new EvalInputException("cannot read dataset " + file + ": " + e.getMessage(), e);
    }
    if (items.isEmpty()) {
      throw new EvalInputException("dataset " + file + " holds no items; write one JSON object a line, e.g. {\"id\": \"1\", \"prompt\": \"...\"}");
    }
    return items;
  }

  /**
   * One line of a dataset read elsewhere (a Spark partition): the item, its id its line number when
   * it has none. Ids given twice are not caught here, since no one line can tell.
   *
   * @throws EvalInputException naming {@code source}, the line and what is wrong
   */
  public static EvalItem parseLine(String text, int line, String source) {
    return parse(text, line, source + " line " + line + ": ");
  }

  /** One line; {@code where} prefixes every message. */
  static EvalItem parse(String text, int line, String where) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new EvalInputException(where + "not JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new EvalInputException(where + "expected a JSON object, was " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    String id = id(node, line, where);
    boolean classify = node.has("labels");
    boolean score = node.has("text");
    if (classify && score) {
      throw new EvalInputException(where + "an item has \"labels\" (classify) or \"text\" (score), not both");
    }
    if (classify) {
      List<String> labels = labels(node, where);
      String gold = optionalString(node, "gold", where);
      if (gold != null && !labels.contains(gold)) {
        throw new EvalInputException(where + "gold \"" + gold + "\" is not one of the labels " + labels);
      }
      return new EvalItem(id, line, EvalItem.Kind.CLASSIFY, requiredString(node, "prompt", where), null, null, null, null, null, labels, gold);
    }
    if (score) {
      String prompt = optionalString(node, "prompt", where);
      String scored = requiredString(node, "text", where);
      if (scored.isEmpty()) {
        throw new EvalInputException(where + "\"text\" is empty: there is nothing to score");
      }
      return new EvalItem(id, line, EvalItem.Kind.SCORE, prompt == null ? "" : prompt, null, null, null, null, scored, null, null);
    }
    boolean hasPrompt = node.has("prompt");
    boolean hasMessages = node.has("messages");
    if (hasPrompt == hasMessages) {
      throw new EvalInputException(where + (hasPrompt ? "give \"prompt\" or \"messages\", not both"
          : "no \"prompt\", \"messages\", \"text\" or \"labels\": nothing to ask"));
    }
    Integer maxTokens = optionalInt(node, "maxTokens", 1, where);
    Integer topLogprobs = optionalInt(node, "topLogprobs", 0, where);
    Double temperature = null;
    JsonNode t = node.get("temperature");
    if (t != null && !t.isNull()) {
      if (!t.isNumber() || t.asDouble() < 0) {
        throw new EvalInputException(where + "\"temperature\" must be a number >= 0, was " + t);
      }
      temperature = t.asDouble();
    }
    return new EvalItem(id, line, EvalItem.Kind.GENERATE, hasPrompt ? requiredString(node, "prompt", where) : null,
        hasMessages ? messages(node.get("messages"), where) : null, maxTokens, temperature, topLogprobs, null, null, null);
  }

  private static String id(JsonNode node, int line, String where) {
    JsonNode id = node.get("id");
    if (id == null || id.isNull()) {
      return Integer.toString(line);
    }
    if (id.isTextual() && !id.asText().isEmpty()) {
      return id.asText();
    }
    if (id.isIntegralNumber()) {
      return id.asText();
    }
    throw new EvalInputException(where + "\"id\" must be a non-empty string or an integer, was " + id);
  }

  private static List<String> labels(JsonNode node, String where) {
    JsonNode labels = node.get("labels");
    if (!labels.isArray() || labels.size() < 2) {
      throw new EvalInputException(where + "\"labels\" must be an array of at least two strings");
    }
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode label : labels) {
      if (!label.isTextual() || label.asText().isEmpty()) {
        throw new EvalInputException(where + "every label must be a non-empty string, was " + label);
      }
      if (!seen.add(label.asText())) {
        throw new EvalInputException(where + "label \"" + label.asText() + "\" is given twice");
      }
      names.add(label.asText());
    }
    return names;
  }

  private static List<Message> messages(JsonNode array, String where) {
    if (!array.isArray() || array.isEmpty()) {
      throw new EvalInputException(where + "\"messages\" must be a non-empty array of {\"role\", \"content\"}");
    }
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode m = array.get(i);
      String at = where + "messages[" + i + "]: ";
      if (!m.isObject()) {
        throw new EvalInputException(at + "expected {\"role\", \"content\"}");
      }
      String role = requiredString(m, "role", at);
      Role parsed;
      try {
        parsed = Role.valueOf(role.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new EvalInputException(at + "role \"" + role + "\" is not one of system, developer, user, assistant");
      }
      if (parsed == Role.TOOL) {
        throw new EvalInputException(at + "tool messages are not supported in a dataset");
      }
      messages.add(new Message(parsed, requiredString(m, "content", at)));
    }
    return messages;
  }

  private static String requiredString(JsonNode node, String field, String where) {
    String value = optionalString(node, field, where);
    if (value == null) {
      throw new EvalInputException(where + "\"" + field + "\" is missing");
    }
    return value;
  }

  private static String optionalString(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new EvalInputException(where + "\"" + field + "\" must be a string, was " + value);
    }
    return value.asText();
  }

  private static Integer optionalInt(JsonNode node, String field, int min, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min) {
      throw new EvalInputException(where + "\"" + field + "\" must be an integer >= " + min + ", was " + value);
    }
    return value.asInt();
  }
}
