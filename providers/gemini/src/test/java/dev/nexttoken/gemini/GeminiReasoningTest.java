package dev.nexttoken.gemini;

import static dev.nexttoken.gemini.GeminiTestSupport.body;
import static dev.nexttoken.gemini.GeminiTestSupport.json;
import static dev.nexttoken.gemini.GeminiTestSupport.sse;
import static dev.nexttoken.gemini.GeminiTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.Usage;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Thinking: the effort as {@code thinkingConfig} per model family, and thought parts as reasoning, never as text. */
class GeminiReasoningTest extends MockGeminiTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "gemini-2.5-flash       | MINIMAL | {'includeThoughts':true,'thinkingBudget':512}",
      "gemini-2.5-pro         | LOW     | {'includeThoughts':true,'thinkingBudget':1024}",
      "gemini-2.5-flash-lite  | MEDIUM  | {'includeThoughts':true,'thinkingBudget':8192}",
      "models/gemini-2.5-pro  | HIGH    | {'includeThoughts':true,'thinkingBudget':24576}",
      "gemini-3-pro-preview   | LOW     | {'includeThoughts':true,'thinkingLevel':'low'}",
      "gemini-3.1-flash       | MINIMAL | {'includeThoughts':true,'thinkingLevel':'minimal'}"})
  void theEffortIsABudgetFor25AndALevelFrom3(String name, ReasoningEffort effort, String config) throws Exception {
    server.enqueue(json("generate/thinking.json"));
    model.chat(ChatRequest.builder().user("17 + 25?").model(name).reasoningEffort(effort).build());
    assertEquals(tree("{'thinkingConfig':" + config + "}"), body(server.takeRequest()).get("generationConfig"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini-2.0-flash", "gemini-1.5-pro", "tunedModels/my-tune-42"})
  void modelsWithoutThinkingRefuseAnEffortBeforeSending(String name) {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().user("17 + 25?").model(name).reasoningEffort(ReasoningEffort.LOW).build()));
    assertEquals("reasoningEffort", e.field());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void thoughtPartsAreTheReasoningAndTheirTokensTheReasoningTokens() {
    server.enqueue(json("generate/thinking.json"));
    Completion answer = model.chat(ChatRequest.builder().user("17 + 25?").model("gemini-2.5-flash").build());

    assertEquals("17 + 25 = 42.", answer.text());
    assertEquals("The user wants the sum. 17 + 25: 7 + 5 is 12, carry one, so 42.", answer.reasoning());
    assertNull(answer.reasoningLogprobs());
    assertEquals(new Usage(9, 8, 77, null, 60), answer.usage());
  }

  @Test
  void anAnswerWithoutThoughtsHasNoReasoning() {
    server.enqueue(json("generate/hello.json"));
    assertNull(model.chat("Hi").reasoning());
  }

  @Test
  void streamedThoughtsAreReasoningDeltasAndCollectToTheBlockingAnswer() {
    server.enqueue(json("generate/thinking.json"));
    server.enqueue(sse("stream/thinking.sse"));
    ChatRequest request = ChatRequest.builder().user("17 + 25?").model("gemini-2.5-flash").build();
    Completion whole = model.chat(request);
    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(request)) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    assertEquals(List.of("The user wants the sum. 17 + 25: 7 + ", "5 is 12, carry one, so 42.", "", ""),
        chunks.stream().map(Chunk::reasoningDelta).toList());
    assertEquals(List.of("", "", "17 + 25 ", "= 42."), chunks.stream().map(Chunk::textDelta).toList());
    assertEquals(whole.reasoning(), collected.reasoning());
    assertEquals(whole.text(), collected.text());
    assertEquals(whole.usage(), collected.usage());
    assertEquals(whole.finishReason(), collected.finishReason());
  }
}
