package dev.nexttoken.gemini;

import static dev.nexttoken.gemini.GeminiTestSupport.body;
import static dev.nexttoken.gemini.GeminiTestSupport.json;
import static dev.nexttoken.gemini.GeminiTestSupport.sse;
import static dev.nexttoken.gemini.GeminiTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import dev.nexttoken.Usage;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.spi.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Function declarations, tool choice, the model's calls (blocking and streamed) and the tool loop sent back. */
class GeminiToolsTest extends MockGeminiTest {
  /** Spaced and ordered as a caller might write it: it must reach Gemini exactly so. */
  private static final String WEATHER_SCHEMA = "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"},"
      + " \"units\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]}}, \"required\": [\"city\"]}";
  private static final String FORECAST_SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
      + "\"days\":{\"type\":\"integer\",\"minimum\":1}}}";
  private static final Tool WEATHER = Tool.of("get_weather", "Current weather in a city", WEATHER_SCHEMA);
  private static final Tool FORECAST = Tool.of("get_forecast", "Forecast for the next days", FORECAST_SCHEMA);
  private static final Tool CLOCK = new Tool("get_time", null, null, null);

  private static ChatRequest.Builder weatherQuestion() {
    return ChatRequest.builder().user("Weather in Oslo, and the forecast for Tokyo?").tool(WEATHER).tool(FORECAST);
  }

  @Test
  void declaresEveryToolInOneEntryWithItsSchemaExactlyAsWritten() throws Exception {
    server.enqueue(json("generate/hello.json"));
    model.chat(weatherQuestion().tool(CLOCK).build());

    String raw = server.takeRequest().getBody().utf8();
    assertTrue(raw.contains("\"parametersJsonSchema\":" + WEATHER_SCHEMA), "the schema's own spacing and order: " + raw);
    assertEquals(tree("{'contents':[{'role':'user','parts':[{'text':'Weather in Oslo, and the forecast for Tokyo?'}]}],"
        + "'tools':[{'functionDeclarations':["
        + "{'name':'get_weather','description':'Current weather in a city','parametersJsonSchema':" + WEATHER_SCHEMA.replace('"', '\'') + "},"
        + "{'name':'get_forecast','description':'Forecast for the next days','parametersJsonSchema':" + FORECAST_SCHEMA.replace('"', '\'') + "},"
        + "{'name':'get_time'}]}]}"), Json.readTreeOrNull(raw.getBytes(StandardCharsets.UTF_8)),
        "no toolConfig without a tool choice; a tool without description or parameters sends neither");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "AUTO     | {'mode':'AUTO'}",
      "NONE     | {'mode':'NONE'}",
      "REQUIRED | {'mode':'ANY'}",
      "NAMED    | {'mode':'ANY','allowedFunctionNames':['get_forecast']}"})
  void toolChoiceIsTheFunctionCallingMode(ToolChoice.Mode mode, String config) throws Exception {
    server.enqueue(json("generate/hello.json"));
    ToolChoice choice = mode == ToolChoice.Mode.NAMED ? ToolChoice.named("get_forecast") : new ToolChoice(mode, null);
    model.chat(weatherQuestion().toolChoice(choice).build());

    assertEquals(tree("{'functionCallingConfig':" + config + "}"), body(server.takeRequest()).get("toolConfig"));
  }

  @Test
  void twoParallelCallsAreToolCallsWithArgumentsAsCompactJsonInTheOrderReceived() {
    server.enqueue(json("generate/function-calls-parallel.json"));
    Completion answer = model.chat(weatherQuestion().build());

    assertEquals(List.of(
        new ToolCall("fc-oslo-1", "get_weather", "{\"city\":\"Oslo\",\"units\":\"celsius\"}"),
        new ToolCall(null, "get_forecast",
            "{\"city\":\"Tokyo\",\"days\":3,\"include\":[\"wind\",\"rain\"],\"detail\":null,\"where\":{\"lat\":35.68,\"lon\":139.69}}")),
        answer.toolCalls(), "Gemini's optional id kept where given; a null argument kept");
    assertEquals("Checking both cities.", answer.text());
    assertEquals(FinishReason.of(FinishReason.Kind.TOOL_CALLS, "STOP"), answer.finishReason(), "Gemini says STOP; the raw value stays");
    assertEquals(Map.of("city", "Oslo", "units", "celsius"), answer.toolCalls().get(0).parsedArguments());
    assertEquals(new Usage(74, 31, 105, null, null), answer.usage());
  }

  @Test
  void streamedCallsArriveWholeWithIncreasingIndexesAndCollectToTheBlockingAnswerByteForByte() {
    server.enqueue(json("generate/function-calls-parallel.json"));
    server.enqueue(sse("stream/function-calls-parallel.sse"));
    Completion whole = model.chat(weatherQuestion().build());
    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(weatherQuestion().build())) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    assertEquals(List.of(List.of(), List.of(0), List.of(1), List.of()),
        chunks.stream().map(c -> c.toolCalls().stream().map(ToolCallDelta::index).toList()).toList());
    assertEquals(new ToolCallDelta(0, "fc-oslo-1", "get_weather", "{\"city\":\"Oslo\",\"units\":\"celsius\"}"),
        chunks.get(1).toolCalls().get(0));
    assertNull(chunks.get(1).finishReason());
    assertEquals(FinishReason.of(FinishReason.Kind.TOOL_CALLS, "STOP"), chunks.get(3).finishReason(),
        "the calls came in earlier events, the finish still says so");
    assertEquals(whole.toolCalls(), collected.toolCalls(), "ids, names and arguments byte for byte");
    assertEquals(whole.text(), collected.text());
    assertEquals(whole.finishReason(), collected.finishReason());
    assertEquals(whole.usage(), collected.usage());
    assertEquals(whole.metadata().responseId(), collected.metadata().responseId());
  }

  @Test
  void theToolLoopSendsTheCallsInAModelTurnAndTheResultsInOneUserTurn() throws Exception {
    server.enqueue(json("generate/function-calls-parallel.json"));
    server.enqueue(json("generate/hello.json"));
    Completion first = model.chat(weatherQuestion().build());
    ToolCall oslo = first.toolCalls().get(0);
    ToolCall tokyo = first.toolCalls().get(1);
    model.chat(weatherQuestion()
        .message(Message.assistant(first))
        .message(Message.toolResult(oslo.id(), null, "{\"celsius\": 4, \"sky\": \"clear\"}")) // by id alone: named from the call
        .message(Message.toolResult(tokyo, "Sunny for three days"))
        .build());

    server.takeRequest();
    JsonNode contents = body(server.takeRequest()).get("contents");
    assertEquals(3, contents.size(), "question, model turn, one user turn with both results");
    assertEquals(tree("{'role':'model','parts':[{'text':'Checking both cities.'},"
        + "{'functionCall':{'id':'fc-oslo-1','name':'get_weather','args':{'city':'Oslo','units':'celsius'}}},"
        + "{'functionCall':{'name':'get_forecast','args':{'city':'Tokyo','days':3,'include':['wind','rain'],'detail':null,"
        + "'where':{'lat':35.68,'lon':139.69}}}}]}"), contents.get(1));
    assertEquals(tree("{'role':'user','parts':["
        + "{'functionResponse':{'id':'fc-oslo-1','name':'get_weather','response':{'celsius':4,'sky':'clear'}}},"
        + "{'functionResponse':{'name':'get_forecast','response':{'output':'Sunny for three days'}}}]}"), contents.get(2),
        "a JSON object result is the response itself, text is wrapped as output");
  }

  @Test
  void callsWithoutArgumentsGoBackAsAnEmptyObject() throws Exception {
    server.enqueue(json("generate/hello.json"));
    model.chat(ChatRequest.builder().user("What time is it?").tool(CLOCK)
        .message(Message.assistant("", List.of(new ToolCall(null, "get_time", ""))))
        .message(Message.toolResult(null, "get_time", "[\"12:00\"]"))
        .build());

    JsonNode contents = body(server.takeRequest()).get("contents");
    assertEquals(tree("{'role':'model','parts':[{'functionCall':{'name':'get_time','args':{}}}]}"), contents.get(1),
        "an assistant turn of calls only has no text part");
    assertEquals(tree("{'functionResponse':{'name':'get_time','response':{'output':'[\\\"12:00\\\"]'}}}"), contents.get(2).get("parts").get(0),
        "JSON that is not an object is sent as text");
  }

  @Test
  void argumentsThatAreNotAJsonObjectAreRefusedBeforeSending() {
    for (String arguments : List.of("{\"city\": \"Oslo\"", "[\"Oslo\"]", "{\"city\":\"Oslo\"} trailing")) {
      ChatRequest request = weatherQuestion()
          .message(Message.assistant("", List.of(new ToolCall("c1", "get_weather", arguments))))
          .message(Message.toolResult("c1", "get_weather", "4 degrees"))
          .build();
      RequestValidationException e = assertThrows(RequestValidationException.class, () -> model.chat(request));
      assertEquals("messages", e.field());
      assertTrue(e.getMessage().contains("get_weather") && e.getMessage().contains("message 1"), e.getMessage());
    }
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aResultThatNamesNeitherItsToolNorAKnownCallIsRefusedBeforeSending() {
    ChatRequest request = weatherQuestion().message(Message.toolResult("call-from-elsewhere", null, "4 degrees")).build();
    RequestValidationException e = assertThrows(RequestValidationException.class, () -> model.chat(request));
    assertEquals("messages", e.field());
    assertTrue(e.getMessage().contains("call-from-elsewhere") && e.getMessage().contains("name"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void geminiHasNoParallelCallSwitchSoItIsRefusedBeforeSending() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(weatherQuestion().parallelToolCalls(false).build()));
    assertEquals("parallelToolCalls", e.field());
    assertEquals(0, server.getRequestCount());
  }
}
