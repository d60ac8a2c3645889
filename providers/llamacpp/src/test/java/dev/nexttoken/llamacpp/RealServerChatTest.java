package dev.nexttoken.llamacpp;

import static dev.nexttoken.llamacpp.KnownAnswers.MAX_TOKENS;
import static dev.nexttoken.llamacpp.KnownAnswers.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /v1/chat/completions} against a real llama-server serving the known-answer model, whose chat
 * template concatenates the messages: chat must report exactly what completion of the same text reports.
 */
@ExtendWith(LlamaServerExtension.class)
class RealServerChatTest {
  private final KnownAnswerModel truth;
  private final LlamaCppModel model;

  RealServerChatTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.model = LlamaCppModel.builder().baseUrl(server.baseUrl()).model("any-name-is-served").build();
  }

  @AfterEach
  void close() {
    model.close();
  }

  private static ChatRequest greedy(int topLogprobs) {
    return ChatRequest.builder().user(PROMPT).maxTokens(MAX_TOKENS).temperature(0.0).topLogprobs(topLogprobs).build();
  }

  @ParameterizedTest(name = "top {0}")
  @ValueSource(ints = {0, 1, 5})
  void reportsTheKnownDistribution(int k) {
    Completion c = model.chat(greedy(k));

    KnownAnswers.assertGreedyWalk(truth, PROMPT, c, k);
    assertEquals(FinishReason.Kind.STOP, c.finishReason().kind());
    assertNotNull(c.metadata().responseId());
  }

  @ParameterizedTest(name = "top {0}")
  @ValueSource(ints = {0, 5})
  void streamReportsTheKnownDistributionAndCollectsToTheResponse(int k) {
    // Cut by length: see below for how a stream ended by </s> differs.
    ChatRequest request = ChatRequest.builder().user(PROMPT).maxTokens(4).temperature(0.0).topLogprobs(k).build();
    Completion whole = model.chat(request);
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(request)) {
      collected = stream.collect();
    }

    KnownAnswers.assertGreedyWalk(truth, PROMPT, 4, collected, k);
    assertEquals(FinishReason.of(FinishReason.Kind.LENGTH, "length"), collected.finishReason());
    assertEquals(whole.text(), collected.text());
    assertEquals(whole.logprobs(), collected.logprobs());
    assertEquals(whole.finishReason(), collected.finishReason());
    assertEquals(KnownAnswers.withCacheOf(whole, collected).usage(), collected.usage(), "the usage chunk was asked for and read");
    assertEquals(whole.model(), collected.model());
  }

  @Test
  void chatStreamEndedByEndOfSequenceLacksTheEntryTheResponseHas() {
    // The server sends no chunk for </s> (it adds no text), so its probability never reaches a stream;
    // the non-streaming answer lists it. Reported as sent, not made up or dropped.
    Completion whole = model.chat(greedy(5));
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(greedy(5))) {
      collected = stream.collect();
    }

    int n = whole.logprobs().size();
    assertEquals(truth.eosId(), whole.logprobs().get(n - 1).id());
    assertEquals(whole.logprobs().subList(0, n - 1), collected.logprobs());
    assertEquals(whole.text(), collected.text());
    assertEquals(whole.finishReason(), collected.finishReason());
  }

  @Test
  void chatAndCompletionOfTheSameTextAgree() {
    Completion chat = model.chat(greedy(5));
    Completion completion = model.complete(CompletionRequest.builder(PROMPT).maxTokens(MAX_TOKENS).temperature(0.0).topLogprobs(5).build());

    assertEquals(completion.text(), chat.text());
    assertEquals(completion.logprobs(), chat.logprobs());
  }
}
