package dev.nexttoken.ollama.internal;

import dev.nexttoken.logprob.TokenLogprob;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Ollama reports one logprobs sequence for everything the model generated: its reasoning (with the
 * tags around it, {@code <think>…</think>} or harmony's channel markers) and then its answer. The
 * neutral answer keeps them apart ({@link dev.nexttoken.Completion#reasoningLogprobs()}), so that
 * the answer's logprobs spell the answer's text, which is what per-field confidence on a JSON answer
 * needs. Ollama gives no boundary, so it is found by spelling: the answer's tokens are the last
 * tokens whose bytes are exactly the answer's text, everything before them is reasoning.
 *
 * <p>When no such boundary exists (a token straddles it, the answer is only tool calls, or the
 * answer is not at the end), the sequence is left whole as the answer's logprobs, as Ollama sent
 * it: nothing is dropped or guessed. Without reasoning text nothing is split.
 *
 * <p>Blocking answers and collected streams use this same rule on the same whole sequence, so they
 * agree.
 */
final class ReasoningSplit {
  /** The two parts; either may be null (no logprobs at all, or nothing split off). */
  record Parts(List<TokenLogprob> answer, List<TokenLogprob> reasoning) {}

  private ReasoningSplit() {}

  /**
   * @param tokens every generated token's logprob, as Ollama sent them; null when none
   * @param thought whether the answer carried reasoning text
   * @param answer the answer's text
   */
  static Parts of(List<TokenLogprob> tokens, boolean thought, String answer) {
    if (tokens == null || !thought || answer.isEmpty()) {
      return new Parts(tokens, null);
    }
    int start = answerStart(tokens, answer.getBytes(StandardCharsets.UTF_8));
    if (start < 0) {
      return new Parts(tokens, null);
    }
    return new Parts(tokens.subList(start, tokens.size()), tokens.subList(0, start));
  }

  /** The index of the first token of the shortest suffix that spells {@code answer}, or -1. */
  private static int answerStart(List<TokenLogprob> tokens, byte[] answer) {
    int length = 0;
    int start = tokens.size();
    while (start > 0 && length < answer.length) {
      start--;
      length += bytes(tokens.get(start)).length;
    }
    if (length != answer.length) {
      return -1;
    }
    int at = 0;
    for (int t = start; t < tokens.size(); t++) {
      byte[] b = bytes(tokens.get(t));
      if (!Arrays.equals(b, 0, b.length, answer, at, at + b.length)) {
        return -1;
      }
      at += b.length;
    }
    return start;
  }

  /** The token's bytes as Ollama sent them, else the UTF-8 of its text (what Ollama's bytes are). */
  private static byte[] bytes(TokenLogprob token) {
    byte[] bytes = token.bytes();
    return bytes != null ? bytes : token.token().getBytes(StandardCharsets.UTF_8);
  }
}
