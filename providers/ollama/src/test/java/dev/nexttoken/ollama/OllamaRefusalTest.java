package dev.nexttoken.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.LogitBias;
import dev.nexttoken.Message;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolCall;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What Ollama cannot do is declared, or refused before anything is sent, naming the field. */
class OllamaRefusalTest extends OllamaServerTest {
  private static final Tool WEATHER = OllamaToolsTest.WEATHER;

  @Test
  void capabilitiesSayWhatOllamaHas() {
    OperationCapabilities chat = model.capabilities().chat();
    assertTrue(chat.tools());
    assertFalse(chat.parallelToolCalls(), "no switch for parallel calls");
    assertEquals(OperationCapabilities.StructuredOutput.JSON_SCHEMA, chat.structuredOutput());
    assertFalse(chat.strictSchema());
    assertTrue(chat.imageBytes());
    assertFalse(chat.imageUrls(), "Ollama fetches no URLs");
    assertTrue(chat.reasoningEffort());
    assertEquals(1, chat.maxChoices(), "no n");
    assertFalse(chat.logitBias());

    OperationCapabilities completion = model.capabilities().completion();
    assertEquals(OperationCapabilities.StructuredOutput.JSON_SCHEMA, completion.structuredOutput());
    assertFalse(completion.tools());
    assertFalse(completion.reasoningEffort(), "raw prompts have no template to think in");
    assertFalse(completion.images());
  }

  static Stream<Arguments> refusedChats() {
    ChatRequest.Builder ask = ChatRequest.builder().user("Weather in Oslo?");
    return Stream.of(
        Arguments.of("toolChoice", ask.tool(WEATHER).toolChoice(ToolChoice.REQUIRED).build(), "no tool choice"),
        Arguments.of("toolChoice", ChatRequest.builder().user("Weather?").tool(WEATHER).toolChoice(ToolChoice.named("get_weather")).build(),
            "get_weather"),
        Arguments.of("tools", ChatRequest.builder().user("Weather?").tool(WEATHER.withStrict(true)).build(), "strict"),
        Arguments.of("parallelToolCalls", ChatRequest.builder().user("Weather?").tool(WEATHER).parallelToolCalls(false).build(), "parallel"),
        Arguments.of("reasoningEffort", ChatRequest.builder().user("Hi").reasoningEffort(ReasoningEffort.MINIMAL).build(), "minimal"),
        Arguments.of("responseFormat", ChatRequest.builder().user("Hi").responseFormat(
            ResponseFormat.jsonSchema(OllamaStructuredOutputTest.SCHEMA).withStrict(true)).build(), "strict"),
        Arguments.of("choices", ChatRequest.builder().user("Hi").choices(2).build(), "choices"),
        Arguments.of("logitBias", ChatRequest.builder().user("Hi").logitBias(LogitBias.ofTokenIds(Map.of(42, -100.0))).build(), "logit bias"),
        Arguments.of("messages", withEarlierCall("{\"city\": \"Oslo\""), "not valid JSON"),
        Arguments.of("messages", withEarlierCall("[\"Oslo\"]"), "a JSON ARRAY"),
        Arguments.of("messages", withEarlierCall("{\"city\": \"Oslo\"} trailing"), "not valid JSON"));
  }

  private static ChatRequest withEarlierCall(String arguments) {
    return ChatRequest.builder()
        .message(Message.user("Weather in Oslo?"))
        .message(Message.assistant("", List.of(new ToolCall("call_1", "get_weather", arguments))))
        .message(Message.toolResult("call_1", "get_weather", "-3"))
        .tool(WEATHER)
        .build();
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("refusedChats")
  void refusedBeforeSending(String field, ChatRequest request, String mentioned) {
    for (boolean stream : new boolean[] {false, true}) {
      RequestValidationException e = assertThrows(RequestValidationException.class,
          () -> {
            if (stream) {
              model.chatStreaming(request).close();
            } else {
              model.chat(request);
            }
          });

      assertEquals(field, e.field(), e::getMessage);
      assertEquals("ollama", e.provider());
      assertTrue(e.getMessage().contains(mentioned), e::getMessage);
    }
    assertEquals(0, server.getRequestCount(), "nothing reached the server");
  }

  @Test
  void aRequiredCallIsUnsupportedRatherThanInvalid() {
    assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().user("Weather?").tool(WEATHER).toolChoice(ToolChoice.REQUIRED).build()));
    assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().user("Hi").reasoningEffort(ReasoningEffort.MINIMAL).build()));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aRawPromptTakesNoReasoningEffort() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.complete(CompletionRequest.builder("Once upon").reasoningEffort(ReasoningEffort.HIGH).build()));

    assertEquals("reasoningEffort", e.field());
    assertEquals(0, server.getRequestCount());
  }
}
