package dev.nexttoken.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Message;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real Gemini API; runs only with {@code GEMINI_API_KEY} set ({@code mvn -Plive verify}),
 * never in the default build. Costs four small chat calls on {@link GeminiModel#DEFAULT_MODEL}.
 */
class GeminiLiveIT {
  private static final ChatRequest REQUEST = ChatRequest.builder()
      .system("Answer with one word.")
      .user("What is the capital of France?")
      .maxTokens(8)
      .temperature(0.0)
      .seed(7L)
      .topLogprobs(3)
      .build();

  private static GeminiModel model;

  @BeforeAll
  static void connect() {
    assumeTrue(System.getenv("GEMINI_API_KEY") != null, "GEMINI_API_KEY is not set");
    model = GeminiModel.fromEnv().build();
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  @Test
  void answersWithLogprobsAlternativesAndIds() {
    Completion answer = model.chat(REQUEST);

    assertTrue(answer.text().contains("Paris"), answer::text);
    assertNotNull(answer.logprobs(), "logprobs were asked for");
    assertFalse(answer.logprobs().isEmpty());
    for (TokenLogprob t : answer.logprobs()) {
      assertNotNull(t.id(), () -> "token id of " + t);
      assertTrue(t.logprob() <= 0, () -> "logprob of " + t);
      assertNotNull(t.topLogprobs(), () -> "alternatives of " + t);
    }
    assertNotNull(answer.usage().promptTokens());
  }

  @Test
  void aStreamCollectsTheSameKindOfAnswer() {
    try (CompletionStream stream = model.chatStreaming(REQUEST)) {
      Completion collected = stream.collect();
      assertTrue(collected.text().contains("Paris"), collected::text);
      assertNotNull(collected.finishReason());
      if (collected.logprobs() != null) {
        assertEquals(collected.text().strip(), collected.logprobs().stream().map(TokenLogprob::token).collect(Collectors.joining()).strip());
      }
    }
  }

  @Test
  void aForcedToolCallAndItsResultMakeARoundTrip() {
    Tool weather = Tool.of("get_weather", "Current weather in a city",
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    ChatRequest.Builder ask = ChatRequest.builder().user("What is the weather in Oslo?").tool(weather).maxTokens(64).temperature(0.0);
    Completion call = model.chat(ask.toolChoice(ToolChoice.named("get_weather")).build());

    assertEquals(1, call.toolCalls().size(), () -> "calls: " + call.toolCalls());
    assertEquals("get_weather", call.toolCalls().get(0).name());
    assertTrue(call.toolCalls().get(0).parsedArguments() instanceof Map, call.toolCalls().get(0)::arguments);
    Completion answer = model.chat(ask.toolChoice(ToolChoice.NONE)
        .message(Message.assistant(call))
        .message(Message.toolResult(call.toolCalls().get(0), "{\"celsius\": 4, \"sky\": \"clear\"}"))
        .build());
    assertTrue(answer.text().contains("4"), answer::text);
  }
}
