package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Completion;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.testkit.KnownAnswerModel;
import java.util.List;
import java.util.stream.Collectors;

/** Checks what the real server reported against the known-answer model's exact distributions. */
final class KnownAnswers {
  /** The largest difference in probability tolerated between what the server reports and the truth. */
  static final double TOLERANCE = 1e-5;

  static final String PROMPT = "Weights and Biases is";

  /** Enough for the greedy walk from the prompt to reach end-of-sequence. */
  static final int MAX_TOKENS = 12;

  private KnownAnswers() {}

  /**
   * {@code c} with the cached tokens of {@code like}: the real server keeps its KV cache between
   * calls, so a repeated prompt comes back with more of it cached (the rest of the answer is the same).
   * Asserts that the count is there and no larger than the prompt.
   */
  static Completion withCacheOf(Completion c, Completion like) {
    assertNotNull(c.usage().cachedTokens(), "cache_n / cached_tokens reported");
    assertTrue(c.usage().cachedTokens() >= 0 && c.usage().cachedTokens() <= c.usage().promptTokens(), c.usage()::toString);
    Usage u = c.usage().withDetails(like.usage().cachedTokens(), c.usage().reasoningTokens());
    return new Completion(c.text(), c.finishReason(), u, c.model(), c.metadata(), c.logprobs(), c.promptLogprobs());
  }

  /**
   * Asserts the completion is the greedy walk from {@code prompt}: the text, each chosen token (text, id,
   * bytes, probability) and its {@code k} alternatives in the model's order with their probabilities.
   */
  static void assertGreedyWalk(KnownAnswerModel truth, String prompt, Completion completion, int k) {
    assertGreedyWalk(truth, prompt, MAX_TOKENS, completion, k);
  }

  /** {@link #assertGreedyWalk(KnownAnswerModel, String, Completion, int)} for a walk of at most {@code steps} tokens. */
  static void assertGreedyWalk(KnownAnswerModel truth, String prompt, int steps, Completion completion, int k) {
    List<KnownAnswerModel.Candidate> walk = truth.greedyWalk(prompt, steps);
    String expectedText = walk.stream().map(c -> truth.tokenText(c.id())).collect(Collectors.joining());
    assertEquals(expectedText, completion.text());
    List<TokenLogprob> logprobs = completion.logprobs();
    assertNotNull(logprobs, "logprobs were requested");
    assertEquals(walk.size(), logprobs.size(), () -> "one entry per generated token, end-of-sequence included: " + logprobs);
    int[] prompted = truth.tokenize(prompt);
    int previous = prompted[prompted.length - 1];
    for (int i = 0; i < walk.size(); i++) {
      int expectedId = walk.get(i).id();
      TokenLogprob actual = logprobs.get(i);
      assertToken(truth, previous, expectedId, actual.token(), actual.bytes(), actual.id(), actual.logprob(), "position " + i);
      if (k == 0) {
        assertEquals(List.of(), actual.topLogprobs(), "no alternatives asked for");
      } else {
        assertTopK(truth, previous, k, actual.topLogprobs(), "position " + i);
      }
      previous = expectedId;
    }
  }

  /** Asserts {@code candidates} are the model's k most likely tokens after {@code previous}, in order. */
  static void assertTopK(KnownAnswerModel truth, int previous, int k, List<TokenCandidate> candidates, String where) {
    List<KnownAnswerModel.Candidate> expected = truth.topK(previous, k);
    assertEquals(expected.stream().map(KnownAnswerModel.Candidate::id).toList(),
        candidates.stream().map(TokenCandidate::id).toList(), where + ": top-" + k + " ids in order");
    for (TokenCandidate c : candidates) {
      assertToken(truth, previous, c.id(), c.token(), c.bytes(), c.id(), c.logprob(), where + " alternative");
    }
  }

  static void assertToken(KnownAnswerModel truth, int previous, int expectedId, String token, byte[] bytes, Integer id,
      Double logprob, String where) {
    assertEquals(expectedId, id, where + ": id");
    assertEquals(truth.tokenText(expectedId), token, where + ": text");
    assertArrayEquals(truth.tokenBytes(expectedId), bytes, where + ": bytes");
    assertNotNull(logprob, where + ": logprob");
    double expected = Math.exp(truth.logprob(previous, expectedId));
    double actual = Math.exp(logprob);
    assertTrue(Math.abs(actual - expected) <= TOLERANCE,
        () -> where + ": p(" + truth.tokenText(expectedId) + ") = " + actual + ", truth " + expected);
  }
}
