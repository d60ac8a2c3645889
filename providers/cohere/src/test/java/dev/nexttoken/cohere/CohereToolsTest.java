package dev.nexttoken.cohere;

import static dev.nexttoken.cohere.CohereTestSupport.body;
import static dev.nexttoken.cohere.CohereTestSupport.json;
import static dev.nexttoken.cohere.CohereTestSupport.sse;
import static dev.nexttoken.cohere.CohereTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.nexttoken.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Tools on {@code /v2/chat}: definitions and choice sent, calls read blocking and streamed, results sent back. */
class CohereToolsTest extends MockCohereTest {
  /** Odd spacing, key order and a decimal written {@code 1.50}: a re-serialised schema would change all three. */
  static final String WEATHER_SCHEMA = "{\"type\": \"object\",\"required\":[\"city\"], \"properties\": "
      + "{\"city\": {\"type\": \"string\", \"description\": \"Stadt, z. B. Tromsø\"}, \"unit\": {\"enum\": [\"celsius\", \"fahrenheit\"]},"
      + " \"precision\": {\"type\": \"number\", \"default\": 1.50}}}";

  static final Tool WEATHER = Tool.of("get_weather", "Current weather in a city", WEATHER_SCHEMA);
  static final Tool TIME = new Tool("get_time", null, null, null);

  static final ToolCall WEATHER_CALL = new ToolCall("get_weather_7kq2m9", "get_weather", "{\"city\": \"Tromsø\",  \"unit\":\"celsius\"}");
  static final ToolCall TIME_CALL = new ToolCall("get_time_3vx8p1", "get_time", "{\"zone\":\"Asia/Tokyo\"}");

  private static ChatRequest.Builder weatherAndTime() {
    return ChatRequest.builder().user("Weather in Tromsø and the time in Tokyo?").tool(WEATHER).tool(TIME);
  }

  @Test
  void sendsEachToolAsAFunctionWithItsSchemaByteForByte() throws Exception {
    server.enqueue(json("chat/tool-calls.json"));
    model.chat(weatherAndTime().build());

    RecordedRequest request = server.takeRequest();
    String raw = request.getBody().utf8();
    assertTrue(raw.contains("\"parameters\":" + WEATHER_SCHEMA), () -> "the schema is written as given: " + raw);
    assertEquals(tree("{'model':'" + CohereModel.DEFAULT_MODEL + "',"
        + "'messages':[{'role':'user','content':'Weather in Tromsø and the time in Tokyo?'}],"
        + "'tools':[{'type':'function','function':{'name':'get_weather','description':'Current weather in a city','parameters':"
        + WEATHER_SCHEMA.replace('"', '\'') + "}},"
        // No schema: Cohere requires parameters, so an object without properties; no description: left out.
        + "{'type':'function','function':{'name':'get_time','parameters':{'type':'object','properties':{}}}}]}"), body(request));
  }

  @Test
  void requiredAndNoneAreSentAutoIsLeftOut() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json("chat/tool-calls.json"));
    }
    model.chat(weatherAndTime().toolChoice(ToolChoice.REQUIRED).build());
    model.chat(weatherAndTime().toolChoice(ToolChoice.NONE).build());
    model.chat(weatherAndTime().toolChoice(ToolChoice.AUTO).build());

    assertEquals("REQUIRED", body(server.takeRequest()).get("tool_choice").textValue());
    assertEquals("NONE", body(server.takeRequest()).get("tool_choice").textValue());
    assertFalse(body(server.takeRequest()).has("tool_choice"), "AUTO is Cohere's default: not sent");
  }

  @Test
  void aStrictToolTurnsOnStrictTools() throws Exception {
    server.enqueue(json("chat/tool-calls.json"));
    server.enqueue(json("chat/tool-calls.json"));
    model.chat(ChatRequest.builder().user("Weather?").tool(WEATHER.withStrict(true)).tool(TIME).build());
    model.chat(ChatRequest.builder().user("Weather?").tool(WEATHER.withStrict(false)).tool(TIME).build());

    assertTrue(body(server.takeRequest()).get("strict_tools").booleanValue());
    assertFalse(body(server.takeRequest()).has("strict_tools"), "not strict: Cohere's default, not sent");
  }

  @Test
  void twoParallelCallsKeepTheirArgumentsExactlyAndThePlanIsReasoning() {
    server.enqueue(json("chat/tool-calls.json"));
    Completion answer = model.chat(weatherAndTime().topLogprobs(0).build());

    assertEquals(List.of(WEATHER_CALL, TIME_CALL), answer.toolCalls());
    assertEquals(Map.of("city", "Tromsø", "unit", "celsius"), answer.toolCalls().get(0).parsedArguments());
    assertNull(answer.toolCalls().get(0).argumentLogprobs(), "Cohere reports logprobs on content only");
    assertEquals(FinishReason.of(FinishReason.Kind.TOOL_CALLS, "TOOL_CALL"), answer.finishReason());
    assertEquals("I will look up the weather in Tromsø and the time in Tokyo.", answer.reasoning());
    assertEquals("", answer.text(), "the plan is not the answer");
    assertNull(answer.logprobs(), "no content, no logprobs list");
    assertEquals(Usage.of(1210, 64), answer.usage());
    assertEquals("c0ffee00-0000-4000-8000-000000000010", answer.metadata().responseId());
  }

  @Test
  void streamedCallsArriveAsDeltasByIndex() {
    server.enqueue(sse("chat/tool-calls.sse"));
    List<Chunk> chunks = new ArrayList<>();
    try (CompletionStream stream = model.chatStreaming(weatherAndTime().build())) {
      stream.forEach(chunks::add);
    }

    List<ToolCallDelta> deltas = chunks.stream().flatMap(c -> c.toolCalls().stream()).toList();
    assertEquals(List.of(
        new ToolCallDelta(0, "get_weather_7kq2m9", "get_weather", ""),
        new ToolCallDelta(0, null, null, "{\"city\": \"Trom"),
        new ToolCallDelta(0, null, null, "sø\",  \"unit\":\"cel"),
        new ToolCallDelta(0, null, null, "sius\"}"),
        new ToolCallDelta(1, "get_time_3vx8p1", "get_time", ""),
        new ToolCallDelta(1, null, null, "{\"zone\":\"Asia/To"),
        new ToolCallDelta(1, null, null, "kyo\"}")), deltas);
    assertEquals(List.of("I will look up the weather in Tromsø", " and the time in Tokyo."),
        chunks.stream().map(Chunk::reasoningDelta).filter(r -> !r.isEmpty()).toList());
    assertTrue(chunks.stream().allMatch(c -> c.textDelta().isEmpty()), "plan and calls are not text");
  }

  @Test
  void collectedStreamEqualsTheBlockingAnswerArgumentsByteForByte() {
    server.enqueue(json("chat/tool-calls.json"));
    server.enqueue(sse("chat/tool-calls.sse"));
    Completion whole = model.chat(weatherAndTime().build());
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(weatherAndTime().build())) {
      collected = stream.collect();
    }
    assertEquals(whole, collected);
    assertEquals(WEATHER_CALL.arguments(), collected.toolCalls().get(0).arguments());
  }

  @Test
  void aToolRoundTripSendsTheCallsAndOneResultPerCall() throws Exception {
    server.enqueue(json("chat/tool-calls.json"));
    server.enqueue(json("chat/plain.json"));
    ChatRequest first = weatherAndTime().build();
    Completion answer = model.chat(first);

    List<Message> conversation = new ArrayList<>(first.messages());
    conversation.add(Message.assistant(answer));
    conversation.add(Message.toolResult(answer.toolCalls().get(0), "{\"temperature\": -3}"));
    conversation.add(Message.toolResult(answer.toolCalls().get(1), "{\"time\": \"21:04\"}"));
    model.chat(ChatRequest.builder().messages(conversation).tool(WEATHER).tool(TIME).build());

    server.takeRequest();
    JsonNode sent = body(server.takeRequest());
    assertEquals(tree("[{'role':'user','content':'Weather in Tromsø and the time in Tokyo?'},"
        // Only calls, no text: no content. The plan has no place in a neutral message and is optional for Cohere.
        + "{'role':'assistant','tool_calls':["
        + "{'id':'get_weather_7kq2m9','type':'function','function':{'name':'get_weather','arguments':'{\\'city\\': \\'Tromsø\\',  \\'unit\\':\\'celsius\\'}'}},"
        + "{'id':'get_time_3vx8p1','type':'function','function':{'name':'get_time','arguments':'{\\'zone\\':\\'Asia/Tokyo\\'}'}}]},"
        + "{'role':'tool','tool_call_id':'get_weather_7kq2m9','content':'{\\'temperature\\': -3}'},"
        + "{'role':'tool','tool_call_id':'get_time_3vx8p1','content':'{\\'time\\': \\'21:04\\'}'}]"), sent.get("messages"));
    assertEquals(WEATHER_CALL.arguments(), sent.get("messages").get(1).get("tool_calls").get(0).get("function").get("arguments").textValue(),
        "the arguments go back as the string Cohere sent");
  }

  @Test
  void anAssistantTurnWithTextAndCallsKeepsBoth() throws Exception {
    server.enqueue(json("chat/plain.json"));
    model.chat(ChatRequest.builder()
        .user("Weather?")
        .message(Message.assistant("Let me check.", List.of(TIME_CALL)))
        .message(Message.toolResult(TIME_CALL, "21:04"))
        .tool(TIME)
        .build());
    assertEquals(tree("{'role':'assistant','content':'Let me check.','tool_calls':[{'id':'get_time_3vx8p1','type':'function',"
        + "'function':{'name':'get_time','arguments':'{\\'zone\\':\\'Asia/Tokyo\\'}'}}]}"), body(server.takeRequest()).get("messages").get(1));
  }
}
