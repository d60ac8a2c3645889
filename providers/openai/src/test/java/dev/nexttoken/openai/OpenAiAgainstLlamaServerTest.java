package dev.nexttoken.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter pointed at a real llama.cpp server's {@code /v1} routes, serving the known-answer
 * model: every reported probability, its rank and its token id must match the model's ground truth.
 */
@ExtendWith(LlamaServerExtension.class)
class OpenAiAgainstLlamaServerTest {
  private static final String PROMPT = "Weights and Biases is";
  private static final int STEPS = 4;
  private static final int K = 5;
  private static final double MAX_PROBABILITY_ERROR = 1e-5;

  private final KnownAnswerModel truth;
  private final OpenAiModel model;

  OpenAiAgainstLlamaServerTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    // No dialect set: a non-OpenAI host gives COMPATIBLE, which is what this test relies on.
    this.model = OpenAiModel.builder().baseUrl(server.baseUrl() + "/v1").build();
  }

  @AfterEach
  void close() {
    model.close();
  }

  @Test
  void completionMatchesTheGroundTruth() {
    assertMatchesTruth(model.complete(completion(K)), K);
  }

  @Test
  void streamedCompletionMatchesTheGroundTruth() {
    try (CompletionStream stream = model.completeStreaming(completion(K))) {
      assertMatchesTruth(stream.collect(), K);
    }
  }

  @Test
  void chatMatchesTheGroundTruth() {
    assertMatchesTruth(model.chat(chat(K)), K);
  }

  @Test
  void streamedChatMatchesTheGroundTruthAndReportsUsage() {
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(chat(K))) {
      collected = stream.collect();
    }
    assertMatchesTruth(collected, K);
    assertEquals(STEPS, collected.usage().completionTokens(), "stream_options.include_usage was honoured");
  }

  @Test
  void onlyTheChosenTokensStillGetTheirLogprobs() {
    // llama.cpp returns nothing for top_logprobs 0; the compatible dialect asks for one and drops it.
    assertMatchesTruth(model.chat(chat(0)), 0);
    assertMatchesTruth(model.complete(completion(0)), 0);
  }

  private static CompletionRequest completion(int k) {
    return CompletionRequest.builder(PROMPT).maxTokens(STEPS).temperature(0.0).topLogprobs(k).build();
  }

  private static ChatRequest chat(int k) {
    // The model's chat template concatenates the message contents, so chat sees the same text.
    return ChatRequest.builder().user(PROMPT).maxTokens(STEPS).temperature(0.0).topLogprobs(k).build();
  }

  private void assertMatchesTruth(Completion completion, int k) {
    List<KnownAnswerModel.Candidate> walk = truth.greedyWalk(PROMPT, STEPS);
    assertEquals(walk.stream().map(KnownAnswerModel.Candidate::token).reduce("", String::concat), completion.text());
    assertEquals(FinishReason.Kind.LENGTH, completion.finishReason().kind());
    List<TokenLogprob> logprobs = completion.logprobs();
    assertNotNull(logprobs);
    assertEquals(walk.size(), logprobs.size(), () -> "one entry per token: " + logprobs);
    int previous = truth.tokenId(" is");
    for (int i = 0; i < walk.size(); i++) {
      KnownAnswerModel.Candidate expected = walk.get(i);
      TokenLogprob actual = logprobs.get(i);
      String where = "token " + i + " " + expected.token();
      assertEquals(expected.token(), actual.token(), where);
      assertEquals(expected.id(), actual.id(), where);
      assertArrayEquals(truth.tokenBytes(expected.id()), actual.bytes(), where);
      assertProbability(expected.logprob(), actual.logprob(), where);
      List<KnownAnswerModel.Candidate> top = truth.topK(previous, k);
      assertEquals(top.size(), actual.topLogprobs().size(), where);
      for (int r = 0; r < top.size(); r++) {
        TokenCandidate candidate = actual.topLogprobs().get(r);
        assertEquals(top.get(r).id(), candidate.id(), where + ", rank " + r);
        assertEquals(top.get(r).token(), candidate.token(), where + ", rank " + r);
        assertProbability(top.get(r).logprob(), candidate.logprob(), where + ", rank " + r);
      }
      previous = expected.id();
    }
  }

  private static void assertProbability(double expectedLogprob, double actualLogprob, String what) {
    assertEquals(Math.exp(expectedLogprob), Math.exp(actualLogprob), MAX_PROBABILITY_ERROR, what);
  }
}
