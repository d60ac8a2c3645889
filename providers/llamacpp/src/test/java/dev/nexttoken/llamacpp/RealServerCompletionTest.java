package dev.nexttoken.llamacpp;

import static dev.nexttoken.llamacpp.KnownAnswers.MAX_TOKENS;
import static dev.nexttoken.llamacpp.KnownAnswers.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Native {@code /completion} against a real llama-server serving the known-answer model: every reported
 * probability is compared with the exact bigram distribution. Fails (never skips) when the server cannot be
 * started, unless {@code -DskipLlamaTests=true}.
 */
@ExtendWith(LlamaServerExtension.class)
class RealServerCompletionTest {
  private final KnownAnswerModel truth;
  private final String baseUrl;
  private final LlamaCppModel model;

  RealServerCompletionTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.baseUrl = server.baseUrl();
    this.model = LlamaCppModel.builder().baseUrl(baseUrl).build();
  }

  @AfterEach
  void close() {
    model.close();
  }

  private static CompletionRequest greedy(int topLogprobs) {
    return CompletionRequest.builder(PROMPT).maxTokens(MAX_TOKENS).temperature(0.0).topLogprobs(topLogprobs).build();
  }

  @ParameterizedTest(name = "top {0}")
  @ValueSource(ints = {0, 1, 5})
  void reportsTheKnownDistribution(int k) {
    Completion c = model.complete(greedy(k));

    KnownAnswers.assertGreedyWalk(truth, PROMPT, c, k);
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "eos"), c.finishReason(), "the walk ends with </s>");
    TokenLogprob last = c.logprobs().get(c.logprobs().size() - 1);
    assertEquals(truth.eosId(), last.id(), "the end-of-sequence entry is kept");
    assertEquals(c.logprobs().size(), c.usage().completionTokens());
    assertEquals(truth.tokenize(PROMPT).length + 1, c.usage().promptTokens(), "the prompt and <s>");
  }

  @ParameterizedTest(name = "top {0}")
  @ValueSource(ints = {0, 5})
  void streamReportsTheKnownDistributionAndCollectsToTheResponse(int k) {
    Completion whole = model.complete(greedy(k));
    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = model.completeStreaming(greedy(k))) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    KnownAnswers.assertGreedyWalk(truth, PROMPT, collected, k);
    assertEquals(KnownAnswers.withCacheOf(whole, collected), collected, "the same answer; the prompt now comes from the cache");
    for (Chunk chunk : chunks.subList(0, chunks.size() - 1)) {
      assertEquals(1, chunk.logprobs().size(), () -> "one entry per partial event: " + chunk);
    }
    assertNull(chunks.get(chunks.size() - 1).logprobs(), "the final event carries none (was an empty list)");
  }

  @Test
  void aRepeatedPromptReportsTheTokensItReusedFromTheCache() {
    model.complete(greedy(0));
    Completion again = model.complete(greedy(0));

    assertTrue(again.usage().cachedTokens() > 0, () -> "cache_prompt is on: " + again.usage());
    assertTrue(again.usage().cachedTokens() <= again.usage().promptTokens(), again.usage()::toString);
    assertNull(again.usage().reasoningTokens(), "llama.cpp counts none apart");
  }

  @Test
  void askingForTheWholeVocabularyReturnsTheWholeDistribution() {
    int vocabulary = truth.vocabSize();
    Completion c = model.complete(CompletionRequest.builder(PROMPT).maxTokens(1).temperature(0.0).topLogprobs(vocabulary).build());

    List<TokenCandidate> all = c.logprobs().get(0).topLogprobs();
    assertEquals(vocabulary, all.size());
    double sum = all.stream().mapToDouble(TokenCandidate::probability).sum();
    assertEquals(1.0, sum, 1e-4);
    int[] prompted = truth.tokenize(PROMPT);
    int previous = prompted[prompted.length - 1];
    double[] expected = truth.nextTokenProbabilities(previous);
    for (TokenCandidate candidate : all) {
      assertEquals(expected[candidate.id()], candidate.probability(), KnownAnswers.TOLERANCE, candidate::toString);
    }
    assertEquals(vocabulary, all.stream().map(TokenCandidate::id).distinct().count(), "every token once");
  }

  @Test
  void samplingSettingsDoNotChangeTheReportedDistribution() {
    // The server reports the model's own softmax; temperature and top-k only change what is picked.
    Completion c = model.complete(CompletionRequest.builder(PROMPT).maxTokens(1).temperature(1.5).topK(3).seed(11L)
        .topLogprobs(5).build());

    int[] prompted = truth.tokenize(PROMPT);
    KnownAnswers.assertTopK(truth, prompted[prompted.length - 1], 5, c.logprobs().get(0).topLogprobs(), "first token");
  }

  @Test
  void postSamplingAtTemperatureZeroGivesTheChosenTokenCertainty() {
    try (LlamaCppModel post = LlamaCppModel.builder().baseUrl(baseUrl).postSamplingProbs(true).build()) {
      Completion c = post.complete(CompletionRequest.builder(PROMPT).maxTokens(2).temperature(0.0).topLogprobs(3).build());

      for (TokenLogprob t : c.logprobs()) {
        assertEquals(0.0, t.logprob(), t::toString);
        assertEquals(1, t.topLogprobs().size(), "only the greedy pick survives the sampler chain");
      }
      assertEquals(truth.greedyWalk(PROMPT, 1).get(0).id(), c.logprobs().get(0).id());
    }
  }

  @Test
  void capabilitiesLearnTheVocabularySizeFromTheServer() {
    assertEquals(truth.vocabSize(), model.withServerInfo().capabilities().vocabularySize());
    assertTrue(model.capabilities().completion().unlimitedTopLogprobs());
  }
}
