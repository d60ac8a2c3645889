package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Message;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolCall;
import dev.nexttoken.ToolCallDelta;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Tool calling on {@code /v1/chat/completions} (wire-formats-2 §5.1): definitions, parallel calls, streamed fragments, a round trip. */
class ToolsTest extends OpenAiServerTest {
  /** Written with its own spacing and key order, which must reach the server unchanged. */
  static final String WEATHER = "{\"type\": \"object\",  \"properties\": {\"city\": {\"type\": \"string\"},"
      + " \"units\": {\"type\": \"string\", \"enum\": [\"c\", \"f\"]}}, \"required\": [\"city\", \"units\"],"
      + " \"additionalProperties\": false}";
  static final String STOCK = "{\"type\":\"object\",\"properties\":{\"ticker\":{\"type\":\"string\"},\"note\":{\"type\":\"string\"}},"
      + "\"required\":[\"ticker\"]}";
  static final List<Tool> TOOLS = List.of(
      new Tool("get_weather", "Current weather for a city", WEATHER, true),
      Tool.of("get_stock_price", "Latest price for a ticker", STOCK));
  static final String QUESTION = "Weather in Zürich? And the price of AAPL?";

  /** The arguments exactly as the fixtures send them, escapes and non-ASCII included. */
  private static final List<ToolCall> CALLS = List.of(
      new ToolCall("call_w1", "get_weather", "{\"city\": \"Zürich\", \"units\": \"c\"}"),
      new ToolCall("call_s2", "get_stock_price", "{\"ticker\":\"AAPL\",\"note\":\"say \\\"hi\\\"\"}"));

  private static ChatRequest askWithTools() {
    return ChatRequest.builder().user(QUESTION).tools(TOOLS).toolChoice(ToolChoice.REQUIRED).parallelToolCalls(true)
        .maxTokens(64).build();
  }

  @Test
  void sendsToolsAsDocumentedWithEachSchemaByteForByte() {
    server.enqueue(json(read("chat", "tools-parallel.json")));

    openAi.chat(askWithTools());

    RecordedRequest request = take(server);
    assertBody(read("chat", "request-tools.json"), request);
    String body = request.getBody().utf8();
    assertTrue(body.contains("\"parameters\":" + WEATHER) && body.contains("\"parameters\":" + STOCK), body);
  }

  @Test
  void twoParallelCallsKeepTheirIdsNamesAndArgumentsAsSent() {
    server.enqueue(json(read("chat", "tools-parallel.json")));

    Completion answer = openAi.chat(askWithTools());

    assertEquals(CALLS, answer.toolCalls());
    assertEquals("", answer.text(), "content null is no text");
    assertEquals(FinishReason.of(FinishReason.Kind.TOOL_CALLS, "tool_calls"), answer.finishReason());
    assertEquals(new Usage(88, 41, 129, 0, 0), answer.usage());
    assertEquals(Map.of("city", "Zürich", "units", "c"), answer.toolCalls().get(0).parsedArguments());
  }

  /**
   * The stream sends each call's id and name first, then argument fragments cut mid-string (inside
   * "Zürich", inside an escaped quote), delivered in pieces of a few bytes that split UTF-8
   * sequences: the collected calls equal the blocking answer's, arguments byte for byte.
   */
  @Test
  void streamedParallelCallsCollectToTheBlockingAnswer() {
    server.enqueue(json(read("chat", "tools-parallel.json")));
    server.enqueue(sse(read("chat", "stream-tools-parallel.sse")).newBuilder().throttleBody(7, 0, TimeUnit.MILLISECONDS).build());

    Completion blocking = openAi.chat(askWithTools());
    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = openAi.chatStreaming(askWithTools())) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    assertEquals(blocking, collected);
    assertEquals(CALLS, collected.toolCalls());
    List<ToolCallDelta> deltas = chunks.stream().flatMap(c -> c.toolCalls().stream()).toList();
    assertEquals(new ToolCallDelta(0, "call_w1", "get_weather", ""), deltas.get(0));
    assertEquals(new ToolCallDelta(0, null, null, "{\"city\": \"Zü"), deltas.get(1));
    assertEquals(List.of(0, 0, 0, 0, 1, 1, 1, 1), deltas.stream().map(ToolCallDelta::index).toList());
  }

  @Test
  void aRoundTripSendsTheCallsBackAndOneResultPerCall() {
    server.enqueue(json(read("chat", "tools-parallel.json")));
    server.enqueue(json(read("chat", "tool-answer.json")));
    Completion calls = openAi.chat(askWithTools());
    take(server);

    Completion answer = openAi.chat(ChatRequest.builder()
        .user(QUESTION)
        .message(Message.assistant(calls))
        .message(Message.toolResult(calls.toolCalls().get(0), "{\"temperature\":3,\"units\":\"c\"}"))
        .message(Message.toolResult(calls.toolCalls().get(1), "{\"price\":231.5}"))
        .tools(TOOLS).toolChoice(ToolChoice.NONE).maxTokens(64)
        .build());

    assertBody(read("chat", "request-tool-round-trip.json"), take(server));
    assertEquals("It is 3 °C in Zürich, and AAPL trades at 231.5.", answer.text());
    assertEquals(List.of(), answer.toolCalls());
    assertEquals(FinishReason.Kind.STOP, answer.finishReason().kind());
  }
}
