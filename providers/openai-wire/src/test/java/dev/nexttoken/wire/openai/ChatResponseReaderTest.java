package dev.nexttoken.wire.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.LogprobsOption;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written chat reader on its own: the shapes databind used to accept (nulls, any field
 * order, unknown fields, coerced scalars) and typed failures that name the field for the rest.
 */
class ChatResponseReaderTest {
  private static final String ENTRY = """
      {"token":"Par","logprob":-0.5,"bytes":[80,97,114],"top_logprobs":[
        {"token":"Lon","logprob":-2.0,"bytes":[76,111,110]},
        {"token":"Par","logprob":-0.5,"bytes":[80,97,114]},
        {"token":"Ber","logprob":null,"bytes":[66]},
        {"token":"Rom","logprob":-3.0,"bytes":null}]}""";

  private static final ChatDialect LLAMA = ChatDialect.llamaCpp("llamacpp", true, true);

  private static ChatResponse read(String json, LogprobsOption option) {
    return read(json, option, ChatDialect.openAi("openai"));
  }

  private static ChatResponse read(String json, LogprobsOption option, ChatDialect dialect) {
    try {
      return Json.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), new ChatResponseReader(option, dialect),
          dialect.provider(), "a chat completion");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readsEveryFieldInAnyOrderSkippingUnknownOnes() {
    ChatResponse r = read("""
        {"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4,"completion_tokens_details":{"reasoning_tokens":0}},
         "object":"chat.completion","created":1,"service_tier":"default",
         "choices":[{"logprobs":{"content":[%s],"refusal":null},"finish_reason":"stop","index":0,
                     "message":{"annotations":[],"content":"Paris","role":"assistant","refusal":null}}],
         "system_fingerprint":"fp_1","model":"gpt-4o-mini","id":"chatcmpl-1"}""".formatted(ENTRY), LogprobsOption.top(5));

    assertEquals("chatcmpl-1", r.id());
    assertEquals("gpt-4o-mini", r.model());
    assertEquals("fp_1", r.systemFingerprint());
    assertEquals(new WireUsage(3, 1, 4, null, 0), r.usage(), "reasoning_tokens 0 reported, no prompt details");
    assertEquals("stop", r.choice().finishReason());
    assertEquals(new ChatResponse.Message("assistant", "Paris", null, null, List.of()), r.choice().message());
    assertNull(r.choice().logprobs().refusal());
    TokenLogprob token = r.choice().logprobs().content().get(0);
    assertEquals("Par", token.token());
    assertArrayEquals("Par".getBytes(StandardCharsets.UTF_8), token.bytes());
    assertEquals(-0.5, token.logprob());
    // ranked, the null-logprob alternative left out, a null bytes array kept as null
    assertEquals(List.of("Par", "Lon", "Rom"), token.topLogprobs().stream().map(TokenCandidate::token).toList());
    assertNull(token.topLogprobs().get(2).bytes());
  }

  @Test
  void cutsAlternativesToWhatWasAskedForAndSkipsLogprobsNobodyAskedFor() {
    String json = """
        {"choices":[{"index":0,"message":{"content":"Paris"},"logprobs":{"content":[%s]}}]}""".formatted(ENTRY);

    assertEquals(List.of("Par"), read(json, LogprobsOption.top(1)).choice().logprobs().content().get(0).topLogprobs().stream().map(TokenCandidate::token).toList());
    assertEquals(List.of(), read(json, LogprobsOption.top(0)).choice().logprobs().content().get(0).topLogprobs());
    assertNull(read(json, LogprobsOption.NONE).choice().logprobs());
  }

  @Test
  void picksTheChoiceWithIndexZeroWhereverItIs() {
    ChatResponse r = read("""
        {"choices":[{"index":1,"message":{"content":"second"}},{"index":0,"message":{"content":"first"}}]}""", LogprobsOption.NONE);
    assertEquals("first", r.choice().message().content());
    assertNull(read("{\"choices\":[],\"usage\":null}", LogprobsOption.NONE).choice());
    assertNull(read("{\"choices\":null}", LogprobsOption.NONE).choice());
  }

  @Test
  void readsEveryChoiceInTheOrderReceived() {
    ChatResponse r = read("""
        {"choices":[{"index":1,"message":{"content":"second"}},null,{"message":{"content":"no index"}}]}""", LogprobsOption.NONE);
    assertEquals(List.of(1, 0), r.choices().stream().map(ChatResponse.Choice::index).toList(), "a null entry is none; no index is 0");
    assertEquals("no index", r.choice().message().content());
  }

  @Test
  void readsToolCallsKeepingArgumentsAsTheTextSent() {
    ChatResponse r = read("""
        {"choices":[{"message":{"content":null,"tool_calls":[
          {"id":"call_1","type":"function","function":{"arguments":"{ \\"a\\" : 1 }","name":"f"},"extra":[1]},
          {"type":"function","function":{"name":"g","arguments":{"z":[1,{"b":null}],"a":"x"}}},
          {"index":3,"function":{}}]}}]}""", LogprobsOption.NONE);
    assertEquals(List.of(
        new ChatResponse.ToolCallPart(null, "call_1", "f", "{ \"a\" : 1 }"),
        new ChatResponse.ToolCallPart(null, null, "g", "{\"z\":[1,{\"b\":null}],\"a\":\"x\"}"),
        new ChatResponse.ToolCallPart(3, null, null, null)), r.choice().message().toolCalls(),
        "an object sent instead of the string becomes compact JSON, keys in order");
  }

  @Test
  void readsReasoningUnderEitherNameTheFirstGivenCounting() {
    assertEquals("why", read("{\"choices\":[{\"delta\":{\"reasoning_content\":\"why\"}}]}", LogprobsOption.NONE)
        .choice().delta().reasoning());
    assertEquals("new", read("{\"choices\":[{\"message\":{\"reasoning\":\"new\",\"reasoning_content\":\"old\"}}]}", LogprobsOption.NONE)
        .choice().message().reasoning(), "vLLM has sent both with one text: never joined");
  }

  @Test
  void failsNamingTheFieldForToolCallsOfTheWrongShape() {
    MalformedResponseException e = assertThrows(MalformedResponseException.class,
        () -> read("{\"choices\":[{\"message\":{\"tool_calls\":[\"f\"]}}]}", LogprobsOption.NONE));
    assertTrue(e.getMessage().contains("tool_calls[]"), e.getMessage());
  }

  @Test
  void readsTheLlamaCppTokenIdAndCoercesScalarsAsDatabindDid() {
    ChatResponse r = read("""
        {"choices":[{"index":"0","delta":{"content":7},"logprobs":{"content":[{"id":42,"token":"x","logprob":"-1.5"}]}}]}""", LogprobsOption.top(2));
    TokenLogprob token = r.choice().logprobs().content().get(0);
    assertEquals(42, token.id());
    assertEquals(-1.5, token.logprob());
    assertEquals("7", r.choice().delta().content());
  }

  @Test
  void coercesWholeFloatsQuotedAndBlankValuesAsDatabindDid() {
    ChatResponse r = read("""
        {"choices":[{"index":0.0,"message":{"content":"x"},"logprobs":{"content":[{"id":7.0,"token":"x","logprob":"","bytes":[120.0,"121"]}]}}],
         "usage":{"prompt_tokens":3.0,"completion_tokens":"","total_tokens":"4"}}""", LogprobsOption.top(1));
    assertEquals(new WireUsage(3, null, 4), r.usage());
    TokenLogprob token = r.choice().logprobs().content().get(0);
    assertEquals(7, token.id());
    assertNull(token.logprob());
    assertArrayEquals(new byte[] {120, 121}, token.bytes());
    assertArrayEquals(new byte[] {120}, read("""
        {"choices":[{"logprobs":{"content":[{"token":"x","logprob":-1,"bytes":"eA=="}]}}]}""", LogprobsOption.top(1))
        .choice().logprobs().content().get(0).bytes(), "base64 text, as databind reads a byte[] from a string");
  }

  @Test
  void leavesAlternativesUnreadWhenNoneWereAskedFor() {
    // Compatible servers are asked for one alternative even when the caller wants none: whatever they send is not read.
    ChatResponse r = read("""
        {"choices":[{"logprobs":{"content":[{"token":"x","logprob":-0.1,"top_logprobs":[{"token":"y","logprob":0.5},null]}]}}]}""",
        LogprobsOption.chosenToken());
    assertEquals(List.of(), r.choice().logprobs().content().get(0).topLogprobs());
  }

  @Test
  void mapsTheOpenAiSentinelToNegativeInfinity() {
    ChatResponse r = read("""
        {"choices":[{"index":0,"logprobs":{"content":[{"token":"a","logprob":-9999.0,"top_logprobs":[{"token":"a","logprob":-9999.0}]}]}}]}""", LogprobsOption.top(1));
    TokenLogprob token = r.choice().logprobs().content().get(0);
    assertEquals(Double.NEGATIVE_INFINITY, token.logprob());
    assertEquals(Double.NEGATIVE_INFINITY, token.topLogprobs().get(0).logprob());
  }

  @Test
  void readsBytesLongerThanTheScratchBuffer() {
    StringBuilder values = new StringBuilder();
    byte[] expected = new byte[100];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (byte) (200 + i % 50);
      values.append(i == 0 ? "" : ",").append(200 + i % 50);
    }
    ChatResponse r = read("""
        {"choices":[{"index":0,"logprobs":{"content":[{"token":"a","logprob":-1,"bytes":[%s]},{"token":"b","logprob":-1,"bytes":[1]}]}}]}""".formatted(values), LogprobsOption.top(0));
    assertArrayEquals(expected, r.choice().logprobs().content().get(0).bytes());
    assertArrayEquals(new byte[] {1}, r.choice().logprobs().content().get(1).bytes());
  }

  @Test
  void readsNoChoiceFromAChunkOfAnotherChoice() {
    // n > 1 interleaves the choices' chunks: a chunk of choice 2 says nothing about choice 0.
    assertNull(read("{\"choices\":[{\"index\":2,\"delta\":{\"content\":\"Rome\"}}]}", LogprobsOption.NONE).choice());
    assertEquals("Paris", read("{\"choices\":[{\"delta\":{\"content\":\"Paris\"}}]}", LogprobsOption.NONE).choice().delta().content(),
        "a choice without an index is choice 0");
  }

  @Test
  void tellsNoLogprobListFromAnEmptyOne() {
    assertNull(read("{\"choices\":[{\"index\":0,\"logprobs\":null}]}", LogprobsOption.top(1)).choice().logprobs());
    assertNull(read("{\"choices\":[{\"index\":0,\"logprobs\":{\"content\":null,\"refusal\":null}}]}", LogprobsOption.top(1))
        .choice().logprobs().all());
    assertEquals(List.of(), read("{\"choices\":[{\"index\":0,\"logprobs\":{\"content\":[],\"refusal\":null}}]}", LogprobsOption.top(1))
        .choice().logprobs().all());
  }

  @Test
  void readsLlamaCppsPostSamplingProbabilitiesAsLogprobs() {
    ChatResponse r = read("""
        {"choices":[{"index":0,"logprobs":{"content":[{"id":7,"token":"Hi","bytes":[72,105],"prob":0.5,"top_probs":[
          {"id":9,"token":"Yo","bytes":[89,111],"prob":0.25},{"id":7,"token":"Hi","bytes":[72,105],"prob":0.5},
          {"id":2,"token":"","bytes":[],"prob":0.0}]}]}}]}""", LogprobsOption.top(3), LLAMA);

    TokenLogprob hi = r.choice().logprobs().content().get(0);
    assertEquals(7, hi.id());
    assertEquals(Math.log(0.5), hi.logprob());
    assertEquals(List.of(7, 9, 2), hi.topLogprobs().stream().map(TokenCandidate::id).toList(), "ranked");
    TokenCandidate eos = hi.topLogprobs().get(2);
    assertEquals(Double.NEGATIVE_INFINITY, eos.logprob(), "prob 0");
    assertArrayEquals(new byte[0], eos.bytes(), "the end-of-sequence token is kept, with its empty bytes");
  }

  @Test
  void anAlternativeWithoutAProbabilityIsLeftOutByOpenAiAndFailsLlamaCpp() {
    String json = """
        {"choices":[{"index":0,"logprobs":{"content":[{"token":"a","logprob":-0.1,"top_logprobs":[{"token":"a","logprob":-0.1},{"token":"b"}]}]}}]}""";

    assertEquals(1, read(json, LogprobsOption.top(2)).choice().logprobs().content().get(0).topLogprobs().size());
    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> read(json, LogprobsOption.top(2), LLAMA));
    assertTrue(e.getMessage().startsWith("llamacpp: expected a chat completion"), e.getMessage());
    assertTrue(e.getMessage().contains("neither logprob nor prob"), e.getMessage());
  }

  @Test
  void anImpossibleProbabilityIsAMalformedResponseNotAnIllegalArgument() {
    assertMalformed("{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"a\",\"logprob\":0.5}]}}]}", "logprob must be <= 0");
    assertMalformed("{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"a\",\"prob\":1.5}]}}]}", "probability must be in [0, 1]");
    assertMalformed("{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"a\",\"logprob\":-1,\"top_logprobs\":[{\"logprob\":2}]}]}}]}",
        "logprob must be <= 0");
  }

  @Test
  void wrongShapesFailTypedNamingTheField() {
    assertMalformed("{\"choices\":{\"index\":0}}", "choices");
    assertMalformed("{\"choices\":[{\"message\":\"Paris\"}]}", "message");
    assertMalformed("{\"choices\":[{\"message\":{\"content\":{\"text\":\"Paris\"}}}]}", "content");
    assertMalformed("{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"a\",\"logprob\":\"high\"}]}}]}", "logprob");
    assertMalformed("{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"a\",\"bytes\":[1,\"two\"]}]}}]}", "bytes");
    assertMalformed("{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"a\",\"bytes\":[300]}]}}]}", "bytes");
    assertMalformed("{\"choices\":[{\"logprobs\":{\"content\":[null,{\"token\":\"a\",\"logprob\":-1}]}}]}", "content[]");
    assertMalformed("{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"a\",\"logprob\":-1,\"top_logprobs\":[7]}]}}]}", "top_logprobs[]");
    assertMalformed("{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"a\",\"logprob\":\"-1d\"}]}}]}", "logprob");
    assertMalformed("{\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"a\",\"bytes\":\"not base64!\"}]}}]}", "bytes");
    assertMalformed("[1,2]", "the response");
    assertMalformed("{\"choices\":[{\"index\":0", "");
    assertMalformed("", "empty");
  }

  @Test
  void readsUsageDetailsKeepingAReportedZeroAndNullForWhatIsAbsent() {
    assertEquals(new WireUsage(2048, 300, 2348, 1920, 256), read("""
        {"choices":[],"usage":{"prompt_tokens":2048,"completion_tokens":300,"total_tokens":2348,
         "prompt_tokens_details":{"audio_tokens":0,"cached_tokens":1920},
         "completion_tokens_details":{"reasoning_tokens":256,"audio_tokens":0,"accepted_prediction_tokens":0,
          "rejected_prediction_tokens":0,"future_detail":{"x":[1]}}}}""", LogprobsOption.NONE).usage());
    assertEquals(new WireUsage(20, 1, 21, 0, 0), read("""
        {"usage":{"prompt_tokens":20,"completion_tokens":1,"total_tokens":21,
         "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}""",
        LogprobsOption.NONE).usage(), "reported zeros stay zeros");
    assertEquals(new WireUsage(20, 1, 21, null, null), read("""
        {"usage":{"prompt_tokens":20,"completion_tokens":1,"total_tokens":21,
         "prompt_tokens_details":null,"completion_tokens_details":{"audio_tokens":3}}}""", LogprobsOption.NONE).usage(),
        "a null details object, or one without the count, says nothing");
  }

  @Test
  void takesLlamaCppsTimingsCacheNAsTheCachedTokensOfAUsageWithoutDetails() {
    assertEquals(new WireUsage(4, 2, 6, 3, null), read("""
        {"timings":{"cache_n":3,"prompt_n":1,"predicted_n":2},"choices":[],
         "usage":{"completion_tokens":2,"prompt_tokens":4,"total_tokens":6}}""", LogprobsOption.NONE, LLAMA).usage(),
        "timings before usage");
    assertEquals(new WireUsage(4, 2, 6, 0, null), read("""
        {"choices":[],"usage":{"completion_tokens":2,"prompt_tokens":4,"total_tokens":6},"timings":{"cache_n":0}}""",
        LogprobsOption.NONE, LLAMA).usage(), "a cold cache: 0, not null");
    assertEquals(new WireUsage(5, 2, 7, 4, null), read("""
        {"usage":{"completion_tokens":2,"prompt_tokens":5,"total_tokens":7,"prompt_tokens_details":{"cached_tokens":4}},
         "timings":{"cache_n":1}}""", LogprobsOption.NONE, LLAMA).usage(), "the usage's own details win");
    assertNull(read("{\"choices\":[],\"timings\":{\"cache_n\":3}}", LogprobsOption.NONE, LLAMA).usage(),
        "timings alone make no usage");
    assertEquals(new WireUsage(4, 2, 6), read("""
        {"usage":{"completion_tokens":2,"prompt_tokens":4,"total_tokens":6},"timings":{"cache_n":"three","prompt_ms":[1]}}""",
        LogprobsOption.NONE, LLAMA).usage(), "odd timings are diagnostics, skipped");
    assertEquals(new WireUsage(4, 2, 6), read("""
        {"usage":{"completion_tokens":2,"prompt_tokens":4,"total_tokens":6},"timings":7}""", LogprobsOption.NONE, LLAMA).usage());
  }

  @Test
  void aDetailsObjectOfTheWrongShapeFailsNamingIt() {
    assertMalformed("{\"usage\":{\"prompt_tokens_details\":5}}", "prompt_tokens_details");
    assertMalformed("{\"usage\":{\"completion_tokens_details\":{\"reasoning_tokens\":\"many\"}}}",
        "completion_tokens_details.reasoning_tokens");
  }

  private static void assertMalformed(String json, String named) {
    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> read(json, LogprobsOption.top(5)));
    assertTrue(e.getMessage().contains(named), e.getMessage());
    assertTrue(e.getMessage().startsWith("openai: expected a chat completion"), e.getMessage());
  }
}
