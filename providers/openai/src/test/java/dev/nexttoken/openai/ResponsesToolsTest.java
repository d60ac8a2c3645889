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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.ContentPart;
import dev.nexttoken.FinishReason;
import dev.nexttoken.FinishReason.Kind;
import dev.nexttoken.ImagePart;
import dev.nexttoken.Message;
import dev.nexttoken.Role;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolCall;
import dev.nexttoken.ToolCallDelta;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.Usage;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Function tools on {@code POST /v1/responses}: flat tool definitions, tool choice and the parallel
 * switch; {@code function_call} items as tool calls, blocking and streamed; the tool round trip as
 * input items; and the conversations the route cannot take, refused before sending.
 */
class ResponsesToolsTest extends ResponsesServerTest {
  /** Spaced and broken over lines on purpose: the schema must reach the server exactly as written. */
  static final String WEATHER_SCHEMA = "{\"type\": \"object\",\n  \"properties\": {\"city\": {\"type\": \"string\"},"
      + " \"unit\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]}},\n"
      + "  \"required\": [\"city\", \"unit\"], \"additionalProperties\": false}";
  static final Tool WEATHER = new Tool("get_weather", "Current weather in a city.", WEATHER_SCHEMA, true);
  static final Tool CLOCK = new Tool("get_time", null, null, null);

  /** The calls tools-parallel.json and stream-tools-parallel.sse hold. */
  static final List<ToolCall> CALLS = List.of(
      new ToolCall("call_paris", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
      new ToolCall("call_zurich", "get_weather", "{\"city\":\"Zürich\",\"unit\":\"celsius\"}"));

  @Override
  protected String defaultModel() {
    return "gpt-4.1";
  }

  static ChatRequest.Builder weather() {
    return ChatRequest.builder().user("Weather in Paris and Zürich?").tool(WEATHER).tool(CLOCK);
  }

  @Test
  void sendsFlatFunctionToolsWithTheSchemaAsWrittenAndReadsTwoCalls() {
    server.enqueue(json(read("responses", "tools-parallel.json")));

    Completion completion = model.chat(weather().toolChoice(ToolChoice.AUTO).parallelToolCalls(true).build());

    RecordedRequest request = take(server);
    assertBody(read("responses", "request-tools.json"), request);
    assertTrue(request.getBody().utf8().contains("\"parameters\":" + WEATHER_SCHEMA), "the schema text, byte for byte");
    assertEquals(CALLS, completion.toolCalls(), "ids are call_id; arguments as sent, fields in any order");
    assertEquals("", completion.text());
    assertNull(completion.reasoning());
    assertEquals(FinishReason.of(Kind.TOOL_CALLS, "completed"), completion.finishReason());
    assertEquals(new Usage(61, 48, 109, 0, 0), completion.usage());
    assertEquals(List.of("Paris", "Zürich"), completion.toolCalls().stream()
        .map(c -> ((java.util.Map<?, ?>) c.parsedArguments()).get("city")).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "AUTO     | \"auto\"",
      "NONE     | \"none\"",
      "REQUIRED | \"required\"",
      "NAMED    | {\"type\":\"function\",\"name\":\"get_weather\"}"})
  void toolChoiceIsAModeOrAFlatNamedFunction(ToolChoice.Mode mode, String wire) {
    server.enqueue(json(read("responses", "tools-parallel.json")));
    ToolChoice choice = mode == ToolChoice.Mode.NAMED ? ToolChoice.named("get_weather") : new ToolChoice(mode, null);

    model.chat(weather().toolChoice(choice).parallelToolCalls(false).build());

    RecordedRequest request = take(server);
    assertEquals(wire, sent(request).get("tool_choice").toString());
    assertEquals(false, sent(request).get("parallel_tool_calls").booleanValue());
  }

  @Test
  void withoutAChoiceOrSwitchNeitherIsSent() {
    server.enqueue(json(read("responses", "tools-parallel.json")));

    model.chat(weather().build());

    RecordedRequest request = take(server);
    assertNull(sent(request).get("tool_choice"));
    assertNull(sent(request).get("parallel_tool_calls"));
  }

  @Test
  void twoParallelCallsStreamAsPiecesAndCollectToTheBlockingAnswer() {
    server.enqueue(json(read("responses", "tools-parallel.json")));
    server.enqueue(sse(read("responses", "stream-tools-parallel.sse")));

    Completion blocking = model.chat(weather().build());
    try (CompletionStream stream = model.chatStreaming(weather().build())) {
      List<Chunk> chunks = new ArrayList<>();
      stream.forEach(chunks::add);
      Completion collected = stream.collect();

      List<ToolCallDelta> pieces = chunks.stream().flatMap(c -> c.toolCalls().stream()).toList();
      assertEquals(List.of(
          new ToolCallDelta(0, "call_paris", "get_weather", ""),
          new ToolCallDelta(0, null, null, "{\"city\":\"Pa"),
          new ToolCallDelta(0, null, null, "ris\",\"unit\":\"cel"),
          new ToolCallDelta(0, null, null, "sius\"}"),
          new ToolCallDelta(1, "call_zurich", "get_weather", ""),
          new ToolCallDelta(1, null, null, "{\"city\":\"Z"),
          new ToolCallDelta(1, null, null, "ürich\",\"un"),
          new ToolCallDelta(1, null, null, "it\":\"celsius\"}")), pieces,
          "numbered in the order calls start; the .done repeats add nothing");
      assertEquals(blocking.toolCalls(), collected.toolCalls());
      assertEquals(CALLS, collected.toolCalls());
      assertEquals(blocking.text(), collected.text());
      assertEquals(blocking.finishReason(), collected.finishReason());
      assertEquals(blocking.usage(), collected.usage());
      assertEquals(blocking.metadata().responseId(), collected.metadata().responseId());
    }
  }

  @Test
  void aServerThatStreamsNoFragmentsGivesTheArgumentsOnItsDoneEvents() {
    String withoutFragments = events(read("responses", "stream-tools-parallel.sse"),
        e -> !e.startsWith("event: response.function_call_arguments.delta"));
    server.enqueue(sse(withoutFragments));

    try (CompletionStream stream = model.chatStreaming(weather().build())) {
      Completion collected = stream.collect();
      assertEquals(CALLS, collected.toolCalls());
      assertEquals(FinishReason.of(Kind.TOOL_CALLS, "completed"), collected.finishReason());
    }
  }

  @Test
  void aServerThatStreamsNoCallEventsGivesTheCallsOfItsTerminalResponse() {
    String withoutCalls = events(read("responses", "stream-tools-parallel.sse"),
        e -> !e.startsWith("event: response.output_item.") && !e.startsWith("event: response.function_call_arguments."));
    server.enqueue(sse(withoutCalls));

    try (CompletionStream stream = model.chatStreaming(weather().build())) {
      assertEquals(CALLS, stream.collect().toolCalls());
    }
  }

  /** The SSE events of {@code body} that {@code keep} accepts, as a body again. */
  private static String events(String body, java.util.function.Predicate<String> keep) {
    return Arrays.stream(body.split("\n\n")).filter(keep).collect(Collectors.joining("\n\n", "", "\n\n"));
  }

  @Test
  void theToolRoundTripIsCallsAndTheirOutputsAsInputItems() {
    server.enqueue(json(read("responses", "tools-parallel.json")));
    server.enqueue(json(read("responses", "logprobs.json")));

    Completion first = model.chat(weather().build());
    List<Message> conversation = new ArrayList<>();
    conversation.add(Message.user("Weather in Paris and Zürich?"));
    conversation.add(Message.assistant(first));
    conversation.add(Message.toolResult(first.toolCalls().get(0), "{\"temp\":18}"));
    conversation.add(Message.toolResult(first.toolCalls().get(1), "{\"temp\":11}"));
    conversation.add(Message.assistant("Let me check the time too.", List.of(new ToolCall("call_time", "get_time", ""))));
    conversation.add(new Message(Role.TOOL, List.of(ContentPart.text("14:05, see the clock:"),
        ImagePart.url("https://example.com/clock.png")), List.of(), "call_time", "get_time"));
    model.chat(ChatRequest.builder().messages(conversation).tool(WEATHER).tool(CLOCK).build());

    take(server);
    assertBody(read("responses", "request-tool-round-trip.json"), take(server));
  }

  @Test
  void aToolResultWithoutItsCallIdIsRefusedBeforeSending() {
    ChatRequest request = weather().message(Message.assistant("", CALLS.subList(0, 1)))
        .message(Message.toolResult(null, "get_weather", "{\"temp\":18}")).build();

    RequestValidationException e = assertThrows(RequestValidationException.class, () -> model.chat(request));

    assertEquals("messages", e.field());
    assertTrue(e.getMessage().contains("openai-responses") && e.getMessage().contains("messages[2]")
        && e.getMessage().contains("call_id"), e::getMessage);
    assertThrows(RequestValidationException.class, () -> model.chatStreaming(request).close());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aCallWithoutAnIdIsRefusedBeforeSending() {
    ChatRequest request = weather().message(Message.assistant("", List.of(new ToolCall(null, "get_weather", "{}")))).build();

    RequestValidationException e = assertThrows(RequestValidationException.class, () -> model.chat(request));

    assertTrue(e.getMessage().contains("messages[1]") && e.getMessage().contains("get_weather"), e::getMessage);
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aModelWithoutFunctionCallingIsRefusedTools() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(weather().model("o1-mini").build()));

    assertEquals("tools", e.field());
    assertTrue(e.getMessage().contains("o1-mini has no function calling"), e::getMessage);
    assertEquals(0, server.getRequestCount());
  }
}
