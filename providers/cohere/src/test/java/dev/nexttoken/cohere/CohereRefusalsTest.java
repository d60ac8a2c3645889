package dev.nexttoken.cohere;

import static dev.nexttoken.cohere.CohereToolsTest.TIME;
import static dev.nexttoken.cohere.CohereToolsTest.WEATHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.LogitBias;
import dev.nexttoken.Message;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Role;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests Cohere would reject, or whose option it does not have, failing before anything is
 * sent: blocking and streaming alike, with the field named and no request reaching the server.
 */
class CohereRefusalsTest extends MockCohereTest {
  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";

  static Stream<Arguments> refused() {
    return Stream.of(
        // Cohere's own combinations (RequestRules)
        Arguments.of("a named tool choice", tools().toolChoice(ToolChoice.named("get_weather")).build(),
            "toolChoice", "tool_choice is REQUIRED or NONE only"),
        Arguments.of("tool_choice on Command R", tools().model("command-r-08-2024").toolChoice(ToolChoice.REQUIRED).build(),
            "toolChoice", "command-r-08-2024 has no tool_choice"),
        Arguments.of("response_format with tools", tools().jsonSchema(SCHEMA).build(),
            "responseFormat", "together with tools"),
        Arguments.of("JSON mode with tools", tools().responseFormat(ResponseFormat.JSON_OBJECT).build(),
            "responseFormat", "together with tools"),
        Arguments.of("strict and explicitly loose tools", ChatRequest.builder().user("x").tool(WEATHER.withStrict(true))
            .tool(TIME.withStrict(false)).build(), "tools", "[get_weather] ask for strict arguments and [get_time]"),
        Arguments.of("a tool result without a call id", ChatRequest.builder().user("x").tool(TIME)
            .message(Message.toolResult(null, "get_time", "21:04")).build(), "messages", "has no toolCallId"),
        Arguments.of("an image in a system message", ChatRequest.builder().model("command-a-vision-07-2025")
            .message(new Message(Role.SYSTEM, List.of(ImagePart.url("https://example.com/logo.png")), List.of(), null, null))
            .user("What is it?").build(), "image", "only in user messages"),
        // What the model's capabilities leave out (core's validator)
        Arguments.of("tools on a vision model", tools().model("command-a-vision-07-2025").build(), "tools", "cannot call tools"),
        Arguments.of("tools on a retired model", tools().model("command").build(), "tools", "cannot call tools"),
        Arguments.of("a parallel-calls switch", tools().parallelToolCalls(false).build(), "parallelToolCalls", "no switch"),
        Arguments.of("an image on a text model", ChatRequest.builder().user(ContentPart.text("What is it?"),
            ImagePart.url("https://example.com/logo.png")).build(), "image", "cannot take images"),
        Arguments.of("a strict response schema", ChatRequest.builder().user("x")
            .responseFormat(ResponseFormat.jsonSchema(SCHEMA).withStrict(true)).build(), "responseFormat", "no strict schema"),
        Arguments.of("JSON on an Aya model", ChatRequest.builder().model("c4ai-aya-expanse-32b").user("x").jsonSchema(SCHEMA).build(),
            "responseFormat", "cannot constrain"),
        Arguments.of("a reasoning effort", ChatRequest.builder().model("command-a-reasoning-08-2025").user("x")
            .reasoningEffort(ReasoningEffort.HIGH).build(), "reasoningEffort", "no reasoning effort"),
        Arguments.of("two choices", ChatRequest.builder().user("x").choices(2).build(), "choices", "one answer per call"),
        Arguments.of("a logit bias", ChatRequest.builder().user("x").logitBias(LogitBias.ofTokenIds(Map.of(41521, -100.0))).build(),
            "logitBias", "no logit bias"));
  }

  private static ChatRequest.Builder tools() {
    return ChatRequest.builder().user("Weather in Oslo?").tool(WEATHER).tool(TIME);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void failsBeforeSending(String what, ChatRequest request, String field, String says) {
    for (boolean streaming : new boolean[] {false, true}) {
      RequestValidationException e = assertThrows(RequestValidationException.class,
          () -> {
            if (streaming) {
              model.chatStreaming(request).close();
            } else {
              model.chat(request);
            }
          });
      assertEquals(!field.equals("messages"), e instanceof UnsupportedCapabilityException,
          "an option or combination Cohere lacks is unsupported; a malformed conversation is invalid");
      assertEquals("cohere", e.provider());
      assertTrue(e.getMessage().contains(says), () -> what + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("cohere"), e.getMessage());
      assertFalse(e.getMessage().contains(CohereTestSupport.KEY));
      assertEquals(field, e.field());
    }
    assertEquals(0, server.getRequestCount(), "nothing was sent");
  }
}
