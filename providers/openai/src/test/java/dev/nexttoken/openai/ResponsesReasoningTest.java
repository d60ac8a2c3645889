package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sent;
import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.FinishReason.Kind;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.Usage;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reasoning on {@code POST /v1/responses}: {@code reasoning.effort} and {@code reasoning.summary}
 * sent, the summary read apart from the text (blocking and streamed, part by part), and reasoning
 * tokens in the usage.
 */
class ResponsesReasoningTest extends ResponsesServerTest {
  static final String SUMMARY = "**Checking divisors**\n\nOnly primes up to 9 need testing: 2, 3, 5 and 7."
      + "\n\n**Concluding**\n\nNone of them divides 97.";

  @Override
  protected String defaultModel() {
    return "o4-mini";
  }

  @Override
  protected OpenAiResponsesModel.Builder configure(OpenAiResponsesModel.Builder builder) {
    return builder.reasoningSummary(OpenAiResponsesModel.ReasoningSummary.AUTO);
  }

  static ChatRequest prime() {
    return ChatRequest.builder().user("Is 97 prime?").reasoningEffort(ReasoningEffort.HIGH).maxTokens(400).build();
  }

  @Test
  void sendsEffortAndSummaryAndReadsTheSummaryApartFromTheText() {
    server.enqueue(json(read("responses", "reasoning.json")));

    Completion completion = model.chat(prime());

    assertBody(read("responses", "request-reasoning.json"), take(server));
    assertEquals("Yes: 97 is prime.", completion.text());
    assertEquals(SUMMARY, completion.reasoning(), "summary parts, a blank line apart");
    assertNull(completion.reasoningLogprobs());
    assertEquals(FinishReason.of(Kind.STOP, "completed"), completion.finishReason());
    assertEquals(new Usage(21, 300, 321, 0, 256), completion.usage(), "output_tokens_details.reasoning_tokens");
  }

  @Test
  void streamedSummaryDeltasAreReasoningAndCollectToTheBlockingAnswer() {
    server.enqueue(json(read("responses", "reasoning.json")));
    server.enqueue(sse(read("responses", "stream-reasoning.sse")));

    Completion blocking = model.chat(prime());
    try (CompletionStream stream = model.chatStreaming(prime())) {
      List<Chunk> chunks = new ArrayList<>();
      stream.forEach(chunks::add);
      Completion collected = stream.collect();

      assertEquals(List.of("**Checking divisors**\n\nOnly primes up to 9 need ", "testing: 2, 3, 5 and 7.",
          "\n\n**Concluding**\n\nNone of them ", "divides 97."),
          chunks.stream().map(Chunk::reasoningDelta).filter(d -> !d.isEmpty()).toList());
      assertEquals(List.of("Yes: 97", " is prime.", ""),
          chunks.stream().filter(c -> c.reasoningDelta().isEmpty()).map(Chunk::textDelta).toList(), "reasoning is never text");
      assertEquals(blocking.reasoning(), collected.reasoning());
      assertEquals(blocking.text(), collected.text());
      assertEquals(blocking.usage(), collected.usage());
      assertEquals(blocking.finishReason(), collected.finishReason());
      assertNull(collected.logprobs());
    }
  }

  @Test
  void withoutASummarySettingOnlyTheEffortIsSent() {
    server.enqueue(json(read("responses", "reasoning.json")));
    try (OpenAiResponsesModel plain = OpenAiResponsesModel.builder().baseUrl(server.url("/v1").toString())
        .dialect(OpenAiDialect.OPENAI).model("o4-mini").build()) {
      plain.chat(prime());
    }
    assertEquals("{\"effort\":\"high\"}", sent(take(server)).get("reasoning").toString());
  }

  @Test
  void aChatModelIsAskedForNoSummaryAndRefusedAnEffortBeforeSending() {
    server.enqueue(json(read("responses", "logprobs.json")));

    model.chat(ChatRequest.builder().model("gpt-4.1-mini").user("Hi").build());
    assertNull(sent(take(server)).get("reasoning"), "a chat model has no reasoning to summarise");

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().model("gpt-4.1-mini").user("Hi").reasoningEffort(ReasoningEffort.LOW).build()));
    assertEquals("reasoningEffort", e.field());
    assertEquals(1, server.getRequestCount());
  }
}
