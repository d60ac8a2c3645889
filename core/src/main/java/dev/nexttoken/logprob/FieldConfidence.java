package dev.nexttoken.logprob;

import java.util.ArrayList;
import java.util.List;

/**
 * How sure the model was of one value of its JSON answer.
 *
 * <p>The rule: a leaf's logprob is the sum of the logprobs of the generated tokens whose text
 * overlaps the leaf's characters, where a string's characters are those between its quotes and any
 * other leaf's are its literal ({@code 42}, {@code true}). Structural tokens (braces, brackets,
 * quotes, commas, colons, keys, whitespace) never count unless a token also covers part of the
 * value: a token {@code "Oslo} counts for {@code Oslo}, because the model chose those characters in
 * one step. That is why averaging over all the answer's tokens, as notebooks often do, is wrong:
 * forced structure (OpenAI reports it as logprob 0.0) dilutes the figure, and keys the schema fixed
 * are not the model's choice. An empty string has no characters, so no token and logprob 0. A token
 * with no text (Cohere gives the text of a multi-token item to its last id) counts with the next
 * token that has text.
 *
 * @param path the leaf's JSONPath: {@code $.city}, {@code $.items[0].name}, {@code $["a b"]}
 * @param value the leaf's value: {@code String}, {@code Integer}/{@code Long}/{@code BigInteger},
 *     {@code Double}, {@code Boolean} or null
 * @param start the first character of the value in the answer's text
 * @param end one past its last character
 * @param logprob the sum above, or null when the answer carried no logprobs (or one of the
 *     overlapping tokens has none)
 * @param tokens the overlapping tokens, in order (empty when the answer carried no logprobs)
 */
public record FieldConfidence(String path, Object value, int start, int end, Double logprob, List<TokenLogprob> tokens) {
  public FieldConfidence {
    tokens = List.copyOf(tokens);
  }

  /** {@code exp(logprob)}: the probability the model gave this exact value, or null. */
  public Double probability() {
    return logprob == null ? null : Math.exp(logprob);
  }

  /** The least likely of the value's tokens, or null when there are none or their logprobs are unknown. */
  public TokenLogprob leastLikely() {
    TokenLogprob min = null;
    for (TokenLogprob t : tokens) {
      if (t.logprob() != null && (min == null || t.logprob() < min.logprob())) {
        min = t;
      }
    }
    return min;
  }

  /** The alternatives the model weighed at the value's first token (null when not reported or no tokens). */
  public List<TokenCandidate> alternativesAtFirstToken() {
    return tokens.isEmpty() ? null : tokens.get(0).topLogprobs();
  }

  /**
   * Every leaf of a JSON answer with its confidence.
   *
   * @param text the answer: one JSON value, whitespace around it allowed
   * @param logprobs the answer's generated tokens, which spell {@code text}; null when none were reported
   * @throws dev.nexttoken.error.InvalidModelOutputException when {@code text} is not JSON
   * @throws IllegalArgumentException when the tokens do not spell the text, so no span can be trusted
   */
  public static List<FieldConfidence> of(String text, List<TokenLogprob> logprobs) {
    List<JsonLeaves.Leaf> leaves = JsonLeaves.of(text);
    int[][] spans = logprobs == null ? null : tokenSpans(text, logprobs);
    List<FieldConfidence> out = new ArrayList<>(leaves.size());
    for (JsonLeaves.Leaf leaf : leaves) {
      if (spans == null) {
        out.add(new FieldConfidence(leaf.path(), leaf.value(), leaf.start(), leaf.end(), null, List.of()));
        continue;
      }
      List<TokenLogprob> overlapping = new ArrayList<>();
      double sum = 0;
      boolean known = true;
      for (int t = 0; t < logprobs.size(); t++) {
        if (spans[t][0] < leaf.end() && spans[t][1] > leaf.start()) {
          TokenLogprob token = logprobs.get(t);
          overlapping.add(token);
          if (token.logprob() == null) {
            known = false;
          } else {
            sum += token.logprob();
          }
        }
      }
      out.add(new FieldConfidence(leaf.path(), leaf.value(), leaf.start(), leaf.end(), known ? sum : null, overlapping));
    }
    return out;
  }

  /**
   * Each token's character span in {@code text}: {@code [start, end)}. Tokens carrying bytes are
   * measured by their UTF-8 bytes, so a character split across two tokens lies in both spans.
   */
  private static int[][] tokenSpans(String text, List<TokenLogprob> tokens) {
    byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int[] floor = new int[utf8.length + 1];
    int[] ceil = new int[utf8.length + 1];
    int b = 0;
    for (int c = 0; c < text.length(); ) {
      int cp = text.codePointAt(c);
      int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      int next = c + Character.charCount(cp);
      for (int k = 0; k < n; k++) {
        floor[b + k] = c;
        ceil[b + k] = k == 0 ? c : next;
      }
      b += n;
      c = next;
    }
    floor[utf8.length] = text.length();
    ceil[utf8.length] = text.length();
    int[][] spans = new int[tokens.size()][];
    int pos = 0;
    for (int t = 0; t < tokens.size(); t++) {
      TokenLogprob token = tokens.get(t);
      byte[] bytes = token.sharedBytes() != null ? token.sharedBytes()
          : token.token().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (int k = 0; k < bytes.length; k++) {
        if (pos + k >= utf8.length || utf8[pos + k] != bytes[k]) {
          throw new IllegalArgumentException("the logprobs do not spell the answer: token " + t + " "
              + Logprobs.quote(token.token()) + " does not match the text at byte " + (pos + k));
        }
      }
      spans[t] = new int[] {floor[pos], ceil[pos + bytes.length]};
      pos += bytes.length;
    }
    if (pos != utf8.length) {
      throw new IllegalArgumentException("the logprobs do not spell the answer: they cover " + pos + " of its "
          + utf8.length + " bytes");
    }
    // A token with no text is part of producing the next token that has some (Cohere puts a
    // multi-token item's text on its last id and "" on the others), so it takes that token's span;
    // one with none after it (an end-of-sequence token) stays empty and counts nowhere.
    for (int t = spans.length - 2; t >= 0; t--) {
      if (spans[t][0] == spans[t][1] && spans[t + 1][0] < spans[t + 1][1]) {
        spans[t] = spans[t + 1];
      }
    }
    return spans;
  }
}
