package dev.nexttoken.cohere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Message;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolCall;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real Cohere API; runs only with {@code CO_API_KEY} set ({@code mvn -Plive verify}),
 * never in the default build. Costs four small chat calls.
 */
class CohereLiveIT {
  private static final ChatRequest REQUEST = ChatRequest.builder()
      .system("Answer with one word.")
      .user("What is the capital of France?")
      .maxTokens(8)
      .temperature(0.0)
      .seed(7L)
      .topLogprobs(0)
      .build();

  private static CohereModel model;

  @BeforeAll
  static void connect() {
    assumeTrue(System.getenv("CO_API_KEY") != null || System.getProperty("cohere.apiKey") != null, "CO_API_KEY is not set");
    model = CohereModel.fromEnv().clientName("nexttoken-live-test").build();
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  @Test
  void chatReturnsChosenTokenLogprobsWithIdsAndNoAlternatives() {
    Completion answer = model.chat(REQUEST);
    assertSane(answer);
  }

  @Test
  void streamedChatCarriesTheSameKindOfLogprobs() {
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(REQUEST)) {
      collected = stream.collect();
    }
    assertSane(collected);
  }

  @Test
  void aToolCallStreamedEqualsWhatTheCallSaysAndItsResultIsAccepted() {
    ChatRequest ask = ChatRequest.builder()
        .user("What is the weather in Oslo? Use the tool.")
        .tool(Tool.of("get_weather", "Current weather in a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
        .toolChoice(ToolChoice.REQUIRED)
        .temperature(0.0)
        .build();
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(ask)) {
      collected = stream.collect();
    }
    assertEquals(FinishReason.Kind.TOOL_CALLS, collected.finishReason().kind());
    ToolCall call = collected.toolCalls().get(0);
    assertEquals("get_weather", call.name());
    assertNotNull(call.id());
    assertTrue(call.parsedArguments() instanceof java.util.Map<?, ?> args && args.containsKey("city"), call.arguments());

    Completion answer = model.chat(ChatRequest.builder()
        .messages(ask.messages())
        .message(Message.assistant(collected))
        .message(Message.toolResult(call, "{\"temperature_celsius\": -3}"))
        .tool(ask.tools().get(0))
        .maxTokens(60)
        .build());
    assertFalse(answer.text().isBlank(), "the model answers from the tool result");
  }

  private static void assertSane(Completion answer) {
    assertFalse(answer.text().isBlank(), "some text");
    assertNotNull(answer.finishReason());
    assertNotNull(answer.metadata().responseId());
    assertNotNull(answer.usage().completionTokens());
    assertFalse(answer.logprobs().isEmpty(), "logprobs were requested");
    for (TokenLogprob token : answer.logprobs()) {
      assertNotNull(token.id(), () -> "token id of " + token);
      assertTrue(token.logprob() == null || token.logprob() <= 0, () -> "logprob of " + token);
      assertNull(token.topLogprobs(), "Cohere reports no alternatives");
    }
    assertEquals(answer.text(), answer.logprobs().stream().map(TokenLogprob::token).collect(Collectors.joining()),
        "the tokens' texts add up to the answer");
  }
}
