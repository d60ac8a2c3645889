package dev.nexttoken.ollama;

import static dev.nexttoken.ollama.OllamaTestSupport.body;
import static dev.nexttoken.ollama.OllamaTestSupport.json;
import static dev.nexttoken.ollama.OllamaTestSupport.ndjson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.nexttoken.spi.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tools on {@code /api/chat}: definitions, whole calls in answers and streams, and a tool round trip. */
class OllamaToolsTest extends OllamaServerTest {
  /** Whitespace and key order on purpose: the schema must reach Ollama exactly as written. */
  static final String WEATHER_SCHEMA = "{\"type\": \"object\",  \"required\": [\"city\"], \"properties\": {\"city\": {\"type\": \"string\"},"
      + " \"unit\": {\"enum\": [\"celsius\", \"fahrenheit\"]}, \"days\": {\"type\": \"integer\", \"minimum\": 1e0}}}";
  static final Tool WEATHER = Tool.of("get_weather", "The forecast for a city", WEATHER_SCHEMA);
  static final Tool TIME = Tool.of("get_time", "The time in a time zone", "{\"type\":\"object\",\"properties\":{\"timezone\":{\"type\":\"string\"}}}");
  static final ChatRequest ASK = ChatRequest.builder().user("Weather in Zürich, and the time there?").tool(WEATHER).tool(TIME).topLogprobs(1).build();

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void twoCallsInOneAnswer(boolean stream) {
    server.enqueue(stream ? ndjson("chat/tool-calls.ndjson") : json("chat/tool-calls.json"));

    Completion c = stream ? collect(ASK) : model.chat(ASK);

    assertEquals("", c.text());
    assertEquals(2, c.toolCalls().size());
    ToolCall weather = c.toolCalls().get(0);
    assertEquals(new ToolCall("call_k3x9a1b2", "get_weather", "{\"city\":\"Zürich\",\"unit\":\"celsius\",\"days\":2}"), weather,
        "the arguments object as compact JSON text, keys in the order sent");
    assertEquals(Map.of("city", "Zürich", "unit", "celsius", "days", 2), weather.parsedArguments());
    assertEquals(new ToolCall("call_p7q2m4n8", "get_time", "{\"timezone\":\"Europe/Zurich\",\"format\":{\"24h\":true,\"threshold\":1e-07}}"),
        c.toolCalls().get(1), "nested objects kept, the number as Ollama wrote it");
    assertEquals(FinishReason.of(FinishReason.Kind.TOOL_CALLS, "stop"), c.finishReason(), "Ollama says stop; the raw value is kept");
    assertEquals(14, c.logprobs().size(), "the calls' tokens (Ollama 0.13.3+) are the answer's logprobs");
    assertNull(c.reasoning());
    assertNull(c.reasoningLogprobs());
  }

  @Test
  void aStreamCarriesEachCallWholeWithIndexesAcrossLines() {
    server.enqueue(ndjson("chat/tool-calls.ndjson"));

    List<Chunk> chunks;
    try (CompletionStream s = model.chatStreaming(ASK)) {
      chunks = s.stream().toList();
    }

    List<ToolCallDelta> deltas = chunks.stream().flatMap(ch -> ch.toolCalls().stream()).toList();
    assertEquals(List.of(
        new ToolCallDelta(0, "call_k3x9a1b2", "get_weather", "{\"city\":\"Zürich\",\"unit\":\"celsius\",\"days\":2}"),
        new ToolCallDelta(1, "call_p7q2m4n8", "get_time", "{\"timezone\":\"Europe/Zurich\",\"format\":{\"24h\":true,\"threshold\":1e-07}}")),
        deltas, "one whole call per line, numbered in order though each line's own list starts afresh");
    // Lines that only carry logprobs (Ollama buffering a call) deliver them in order; those before the
    // first text or call wait for it, since until then they could have been reasoning.
    assertEquals(List.of(10, 1, 2, 1), chunks.stream().filter(ch -> ch.logprobs() != null).map(ch -> ch.logprobs().size()).toList());
  }

  @Test
  void aCollectedStreamEqualsTheBlockingAnswerByteForByteEvenWhenTheBytesArriveInPieces() {
    server.enqueue(json("chat/tool-calls.json"));
    Completion whole = model.chat(ASK);
    // 16 bytes at a time: lines, strings and the two bytes of "ü" are cut apart on the way.
    server.enqueue(ndjson("chat/tool-calls.ndjson").newBuilder().throttleBody(16, 1, TimeUnit.MILLISECONDS).build());
    Completion collected = collect(ASK);

    assertEquals(whole.toolCalls(), collected.toolCalls());
    for (int i = 0; i < whole.toolCalls().size(); i++) {
      assertEquals(whole.toolCalls().get(i).arguments(), collected.toolCalls().get(i).arguments());
    }
    assertEquals(whole.logprobs(), collected.logprobs());
    assertEquals(whole.finishReason(), collected.finishReason());
    assertEquals(whole.usage(), collected.usage());
    assertEquals(whole.text(), collected.text());
    assertEquals(whole.metadata().extras(), collected.metadata().extras());
  }

  @Test
  void toolsAreSentWithTheirDescriptionAndSchemaExactlyAsGiven() throws Exception {
    server.enqueue(json("chat/tool-calls.json"));

    model.chat(ASK);

    RecordedRequest recorded = server.takeRequest();
    String text = recorded.getBody().string(StandardCharsets.UTF_8);
    assertTrue(text.contains("\"parameters\":" + WEATHER_SCHEMA), () -> "the schema's own text in the body: " + text);
    JsonNode tools = body(recorded).get("tools");
    assertEquals(2, tools.size());
    assertEquals(Json.mapper().readTree("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
        + "\"description\":\"The forecast for a city\",\"parameters\":" + WEATHER_SCHEMA + "}}"), tools.get(0));
    assertEquals("get_time", tools.get(1).get("function").get("name").asText());
    assertNull(body(recorded).get("tool_choice"), "Ollama has no tool_choice");
  }

  @Test
  void aToolWithoutParametersTakesAnEmptyObject() throws Exception {
    server.enqueue(json("chat/hello.json"));

    model.chat(ChatRequest.builder().user("What time is it?").tool(Tool.of("now", null, null)).build());

    JsonNode function = body(server.takeRequest()).get("tools").get(0).get("function");
    assertEquals(Json.mapper().readTree("{\"name\":\"now\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}"), function,
        "no description sent when none is given");
  }

  @Test
  void autoSendsTheToolsAndNoneSendsNone() throws Exception {
    server.enqueue(json("chat/hello.json"));
    server.enqueue(json("chat/hello.json"));

    model.chat(ChatRequest.builder().user("Weather?").tool(WEATHER).toolChoice(ToolChoice.AUTO).build());
    model.chat(ChatRequest.builder().user("Weather?").tool(WEATHER).toolChoice(ToolChoice.NONE).build());

    assertEquals(1, body(server.takeRequest()).get("tools").size());
    assertNull(body(server.takeRequest()).get("tools"), "without tools the model can only answer in text");
  }

  @Test
  void aToolRoundTripSendsTheCallsAsObjectsAndTheResultsByName() throws Exception {
    server.enqueue(json("chat/tool-calls.json"));
    Completion first = model.chat(ASK);
    server.takeRequest();
    ToolCall weather = first.toolCalls().get(0);
    ToolCall time = first.toolCalls().get(1);
    ChatRequest next = ChatRequest.builder()
        .message(Message.user("Weather in Zürich, and the time there?"))
        .message(Message.assistant(first))
        .message(Message.toolResult(weather, "{\"temp\": -3.5}"))
        .message(Message.toolResult(null, time.name(), "09:41"))
        .tool(WEATHER).tool(TIME)
        .build();
    server.enqueue(json("chat/hello.json"));

    model.chat(next);

    RecordedRequest recorded = server.takeRequest();
    JsonNode messages = body(recorded).get("messages");
    assertEquals(Json.mapper().readTree("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
        + "{\"id\":\"call_k3x9a1b2\",\"type\":\"function\",\"function\":{\"index\":0,\"name\":\"get_weather\","
        + "\"arguments\":{\"city\":\"Zürich\",\"unit\":\"celsius\",\"days\":2}}},"
        + "{\"id\":\"call_p7q2m4n8\",\"type\":\"function\",\"function\":{\"index\":1,\"name\":\"get_time\","
        + "\"arguments\":{\"timezone\":\"Europe/Zurich\",\"format\":{\"24h\":true,\"threshold\":1e-07}}}}]}"), messages.get(1));
    assertEquals(Json.mapper().readTree("{\"role\":\"tool\",\"content\":\"{\\\"temp\\\": -3.5}\",\"tool_name\":\"get_weather\","
        + "\"tool_call_id\":\"call_k3x9a1b2\"}"), messages.get(2));
    assertEquals(Json.mapper().readTree("{\"role\":\"tool\",\"content\":\"09:41\",\"tool_name\":\"get_time\"}"), messages.get(3),
        "no id, no tool_call_id");
    String text = recorded.getBody().string(StandardCharsets.UTF_8);
    assertTrue(text.contains("\"threshold\":1e-07"), "the arguments go back as the text the answer gave");
  }

  @Test
  void callsWithoutArgumentsGoBackAsAnEmptyObject() throws Exception {
    server.enqueue(json("chat/hello.json"));

    model.chat(ChatRequest.builder()
        .message(Message.user("Time?"))
        .message(Message.assistant("", List.of(new ToolCall(null, "now", ""))))
        .message(Message.toolResult(null, "now", "09:41"))
        .build());

    JsonNode call = body(server.takeRequest()).get("messages").get(1).get("tool_calls").get(0);
    assertEquals(Json.mapper().readTree("{\"type\":\"function\",\"function\":{\"index\":0,\"name\":\"now\",\"arguments\":{}}}"), call);
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void aCallOnlyAnswerWithoutLogprobsOrIdIsNoSignOfAnOldServer(boolean stream) {
    // Before 0.13.3 a call's tokens had no logprobs, before 0.12.10 a call had no id.
    String call = "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":"
        + "{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}}]},\"done\":";
    String end = "\"done_reason\":\"stop\",\"eval_count\":9}";
    server.enqueue(stream
        ? OllamaTestSupport.ndjsonBody(call + "false}\n{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true," + end + "\n")
        : OllamaTestSupport.jsonBody(200, call + "true," + end));

    Completion c = stream ? collect(ASK) : model.chat(ASK);

    assertEquals(List.of(new ToolCall(null, "get_weather", "{\"city\":\"Oslo\"}")), c.toolCalls());
    assertNull(c.logprobs());
    assertEquals(FinishReason.Kind.TOOL_CALLS, c.finishReason().kind());
  }
}
