package dev.nexttoken.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Environment;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Message;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.ToolCall;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Responses API of api.openai.com itself; runs only with {@code OPENAI_API_KEY} set
 * ({@code mvn -Plive verify}), skipped otherwise (never in CI). Checks shapes and invariants: OpenAI's
 * values are not reproducible.
 */
class OpenAiResponsesLiveIT {
  private OpenAiResponsesModel model;

  @BeforeEach
  void connect() {
    assumeTrue(Environment.system().get("openai.apiKey", "OPENAI_API_KEY") != null, "OPENAI_API_KEY is not set");
    // Always OpenAI itself, whatever OPENAI_BASE_URL says: this test is about the real service.
    model = OpenAiResponsesModel.fromEnv().baseUrl(OpenAiResponsesModel.DEFAULT_BASE_URL).model("gpt-4.1-mini").store(false).build();
  }

  @AfterEach
  void close() {
    if (model != null) {
      model.close();
    }
  }

  private static ChatRequest request() {
    return ChatRequest.builder().system("Answer in one short sentence.").user("Name a French city with an accent in its name.")
        .maxTokens(24).temperature(0.0).topLogprobs(3).build();
  }

  @Test
  void blockingAnswerHasLogprobsWithBytesAndAlternatives() {
    Completion answer = model.chat(request());
    assertTable(answer);
    assertNotNull(answer.usage().cachedTokens(), "input_tokens_details.cached_tokens");
    assertNotNull(answer.usage().reasoningTokens(), "output_tokens_details.reasoning_tokens");
  }

  @Test
  void streamedAnswerHasLogprobsAndItsBytesAddUpToTheText() {
    try (CompletionStream stream = model.chatStreaming(request())) {
      Completion collected = stream.collect();
      assertTable(collected);
      assertNotNull(collected.usage().completionTokens(), "response.completed carries usage");
    }
  }

  @Test
  void aReasoningModelIsRefusedLogprobsBeforeSendingAndAnswersWithout() {
    assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().model("gpt-5-mini").user("Hi").topLogprobs(1).build()));
    Completion answer = model.chat(ChatRequest.builder().model("gpt-5-mini").user("Say hi.").maxTokens(256).build());
    assertNotNull(answer.usage().reasoningTokens());
  }

  @Test
  void aServerRefusalOfLogprobsIsExplained() {
    // Forced past the capability check by a dialect that does not know the model's family.
    try (OpenAiResponsesModel unchecked = OpenAiResponsesModel.fromEnv().baseUrl(OpenAiResponsesModel.DEFAULT_BASE_URL)
        .dialect(OpenAiDialect.COMPATIBLE).model("gpt-5-mini").store(false).build()) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> unchecked.chat(ChatRequest.builder().user("Hi").maxTokens(16).topLogprobs(1).build()));
      assertEquals(400, e.httpStatus());
      assertTrue(e.getMessage().contains("ask without topLogprobs"), e::getMessage);
    }
  }

  @Test
  void aToolRoundTripCallsTheToolThenAnswersFromItsResult() {
    ChatRequest ask = ChatRequest.builder().user("What is the weather in Oslo? Use the tool.").tool(ResponsesToolsTest.WEATHER)
        .toolChoice(ToolChoice.REQUIRED).maxTokens(64).build();
    Completion call = model.chat(ask);
    assertEquals(FinishReason.Kind.TOOL_CALLS, call.finishReason().kind());
    ToolCall first = call.toolCalls().get(0);
    assertTrue(first.id().startsWith("call_"), first::id);
    assertEquals("get_weather", first.name());
    assertTrue(first.parsedArguments() instanceof java.util.Map<?, ?> args && args.containsKey("city"), first::arguments);

    try (CompletionStream stream = model.chatStreaming(ask)) {
      Completion streamed = stream.collect();
      assertEquals("get_weather", streamed.toolCalls().get(0).name());
      assertTrue(streamed.toolCalls().get(0).parsedArguments() instanceof java.util.Map<?, ?>);
    }

    Completion answer = model.chat(ChatRequest.builder().user("What is the weather in Oslo? Use the tool.")
        .message(Message.assistant(call)).message(Message.toolResult(first, "{\"temp_celsius\":7,\"sky\":\"rain\"}"))
        .tool(ResponsesToolsTest.WEATHER).maxTokens(64).build());
    assertFalse(answer.text().isEmpty());
    assertEquals(FinishReason.Kind.STOP, answer.finishReason().kind());
  }

  @Test
  void aStrictSchemaAnswerIsJsonWithAConfidencePerField() {
    Completion answer = model.chat(ChatRequest.builder().user("Give the weather in Paris as JSON.").topLogprobs(2).maxTokens(64)
        .responseFormat(ResponseFormat.jsonSchema("weather", ResponsesStructuredOutputTest.SCHEMA).withStrict(true)).build());
    assertTrue(answer.json() instanceof java.util.Map<?, ?>);
    List<FieldConfidence> fields = answer.fieldConfidences();
    assertEquals(List.of("$.city", "$.temp"), fields.stream().map(FieldConfidence::path).toList());
    fields.forEach(f -> assertNotNull(f.logprob(), f::path));
  }

  private static void assertTable(Completion answer) {
    assertFalse(answer.text().isEmpty());
    assertEquals(FinishReason.Kind.STOP, answer.finishReason().kind());
    assertNotNull(answer.logprobs());
    assertFalse(answer.logprobs().isEmpty());
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (TokenLogprob token : answer.logprobs()) {
      assertNotNull(token.logprob());
      assertTrue(token.topLogprobs().size() <= 3);
      all.writeBytes(token.bytes());
    }
    assertEquals(answer.text(), all.toString(StandardCharsets.UTF_8), "the tokens' bytes are the text");
  }
}
