package dev.nexttoken.ollama.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.FinishReason;
import dev.nexttoken.ToolCall;
import dev.nexttoken.Usage;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pieces of a response object: finish reasons, usage, logprob values. */
class ResponseMapperTest {
  private static ResponseBody read(String json) {
    return Json.read(json.replace('\'', '"'), ResponseBody.class, OllamaWire.PROVIDER, "a test object");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"stop, STOP", "length, LENGTH", "load, OTHER", "unload, OTHER", "something_new, OTHER"})
  void doneReason(String raw, FinishReason.Kind kind) {
    assertEquals(FinishReason.of(kind, raw), ResponseMapper.finishReason(read("{'done':true,'done_reason':'" + raw + "'}"), false));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"stop, TOOL_CALLS", "length, LENGTH", "load, OTHER"})
  void doneReasonOfAnAnswerThatCalledTools(String raw, FinishReason.Kind kind) {
    // Ollama says stop when the model ends its turn with calls; the neutral reason says what happened, the raw value stays.
    assertEquals(FinishReason.of(kind, raw), ResponseMapper.finishReason(read("{'done':true,'done_reason':'" + raw + "'}"), true));
  }

  @Test
  void doneWithoutAReasonAndNotDone() {
    assertEquals(FinishReason.of(FinishReason.Kind.OTHER, null), ResponseMapper.finishReason(read("{'done':true}"), false));
    assertNull(ResponseMapper.finishReason(read("{'done':false,'done_reason':'stop'}"), true));
  }

  @Test
  void absentCountsAreUnknown() {
    assertEquals(Usage.UNKNOWN, ResponseMapper.usage(read("{'done':true}")));
    // A cached prompt's count went missing on older servers (omitempty): unknown, not 0.
    assertEquals(new Usage(null, 3, null), ResponseMapper.usage(read("{'done':true,'eval_count':3}")));
  }

  @Test
  void logprobValuesAreNormalised() {
    List<TokenLogprob> tokens = ResponseMapper.logprobs(read(
        "{'logprobs':[{'token':'a','logprob':-3.4028234663852886e38,'top_logprobs':[{'token':'b','logprob':-0.1},{'token':'a','logprob':-3.4028234663852886e38}]}]}")
        .logprobs());
    assertEquals(Double.NEGATIVE_INFINITY, tokens.get(0).logprob(), "float lowest is probability 0");
    assertEquals("b", tokens.get(0).topLogprobs().get(0).token());
  }

  @Test
  void impossibleValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ResponseMapper.logprobs(read("{'logprobs':[{'token':'a','logprob':0.5}]}").logprobs()));
    assertThrows(IllegalArgumentException.class, () -> ResponseMapper.logprobs(read("{'logprobs':[{'token':'a','logprob':-1,'bytes':[300]}]}").logprobs()));
    assertThrows(MalformedResponseException.class, () -> read("{'logprobs':[{'token':'a','logprob':'high'}]}"));
  }

  @Test
  void toolCallArgumentsAreTheObjectAsCompactTextInTheOrderReceived() {
    ResponseBody body = read("{'message':{'role':'assistant','content':'','tool_calls':[{'id':'call_1','function':{'index':0,'name':'f',"
        + "'arguments':{ 'zeta' : 1e5, 'alpha': [1.50, -0, true, null], 'nested': {'b': 'x\\u00e9', 'a': {}} }}}]},'done':true}");

    ToolCall call = ResponseMapper.toolCall(body.toolCalls().get(0));

    assertEquals("call_1", call.id());
    assertEquals("f", call.name());
    assertEquals("{'zeta':1e5,'alpha':[1.50,-0,true,null],'nested':{'b':'x\u00e9','a':{}}}".replace('\'', '"'), call.arguments(),
        "keys as received, numbers as written, no whitespace");
  }

  @Test
  void aCallWithoutArgumentsOrIdHasEmptyArgumentsAndNoId() {
    ToolCall call = ResponseMapper.toolCall(read("{'message':{'tool_calls':[{'function':{'name':'now'}}]}}").toolCalls().get(0));

    assertNull(call.id(), "before Ollama 0.12.10 calls have no id");
    assertEquals("", call.arguments());
    assertThrows(IllegalArgumentException.class,
        () -> ResponseMapper.toolCall(read("{'message':{'tool_calls':[{'function':{'arguments':{}}}]}}").toolCalls().get(0)));
  }

  @Test
  void stringifiedArgumentsAreTakenAsTheirText() {
    ToolCall call = ResponseMapper.toolCall(read("{'message':{'tool_calls':[{'function':{'name':'f','arguments':'{\\'a\\':1}'}}]}}")
        .toolCalls().get(0));

    assertEquals("{\"a\":1}", call.arguments());
  }
}
