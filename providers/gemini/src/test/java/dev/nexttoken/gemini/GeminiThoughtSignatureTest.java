package dev.nexttoken.gemini;

import static dev.nexttoken.gemini.GeminiTestSupport.body;
import static dev.nexttoken.gemini.GeminiTestSupport.json;
import static dev.nexttoken.gemini.GeminiTestSupport.sse;
import static dev.nexttoken.gemini.GeminiTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gemini 3's {@code thoughtSignature} on a call's part: kept with the call and sent back on the same part. */
class GeminiThoughtSignatureTest extends MockGeminiTest {
  private static final String MODEL = "gemini-3-pro-preview";
  private static final String SIGNATURE = "Z2VtaW5pMzp0aG91Z2h0LXN0YXRlOmdldF93ZWF0aGVyOm9zbG8=";
  /** The model turn Gemini 3 must see again: the signature beside the first call, the second call without one. */
  private static final JsonNode MODEL_TURN = tree("{'role':'model','parts':["
      + "{'functionCall':{'name':'get_weather','args':{'city':'Oslo'}},'thoughtSignature':'" + SIGNATURE + "'},"
      + "{'functionCall':{'name':'get_forecast','args':{'city':'Tokyo','days':3}}}]}");

  private static ChatRequest.Builder question() {
    return ChatRequest.builder().model(MODEL).user("Weather in Oslo, and the forecast for Tokyo?")
        .tool(Tool.of("get_weather", "Current weather in a city", "{\"type\":\"object\"}"))
        .tool(Tool.of("get_forecast", "Forecast for the next days", "{\"type\":\"object\"}"));
  }

  /** The second request of a tool loop after {@code first}: the question, the calls, their results. */
  private static ChatRequest followUp(Completion first) {
    return question()
        .message(Message.assistant(first))
        .message(Message.toolResult(first.toolCalls().get(0), "{\"celsius\":4}"))
        .message(Message.toolResult(first.toolCalls().get(1), "Sunny"))
        .build();
  }

  @Test
  void theSignatureIsKeptWithItsCallOnly() {
    server.enqueue(json("generate/function-calls-signature.json"));
    Completion answer = model.chat(question().build());

    assertEquals(List.of(
        new ToolCall(null, "get_weather", "{\"city\":\"Oslo\"}", null, Map.of("thoughtSignature", SIGNATURE)),
        new ToolCall(null, "get_forecast", "{\"city\":\"Tokyo\",\"days\":3}")), answer.toolCalls(),
        "of parallel calls only the first carries a signature");
    assertEquals(FinishReason.of(FinishReason.Kind.TOOL_CALLS, "STOP"), answer.finishReason());
  }

  @Test
  void theToolLoopSendsTheSignatureBackBesideItsCall() throws Exception {
    server.enqueue(json("generate/function-calls-signature.json"));
    server.enqueue(json("generate/hello.json"));
    model.chat(followUp(model.chat(question().build())));

    server.takeRequest();
    JsonNode contents = body(server.takeRequest()).get("contents");
    assertEquals(MODEL_TURN, contents.get(1), "a sibling of functionCall on the same part, not inside it");
    assertEquals(tree("{'role':'user','parts':[{'functionResponse':{'name':'get_weather','response':{'celsius':4}}},"
        + "{'functionResponse':{'name':'get_forecast','response':{'output':'Sunny'}}}]}"), contents.get(2),
        "results carry no signature");
  }

  @Test
  void aStreamedCallCarriesItsSignatureAndCollectsToTheBlockingAnswer() throws Exception {
    server.enqueue(json("generate/function-calls-signature.json"));
    server.enqueue(sse("stream/function-calls-signature.sse"));
    server.enqueue(json("generate/hello.json"));
    Completion whole = model.chat(question().build());
    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(question().build())) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }
    model.chat(followUp(collected));

    assertEquals(new ToolCallDelta(0, null, "get_weather", "{\"city\":\"Oslo\"}", Map.of("thoughtSignature", SIGNATURE)),
        chunks.get(0).toolCalls().get(0));
    assertEquals(whole.toolCalls(), collected.toolCalls(), "names, arguments and signatures alike");
    assertEquals(whole.finishReason(), collected.finishReason());
    assertEquals(whole.usage(), collected.usage());
    server.takeRequest();
    server.takeRequest();
    assertEquals(MODEL_TURN, body(server.takeRequest()).get("contents").get(1), "a collected stream's calls go back signed too");
  }
}
