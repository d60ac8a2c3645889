package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.FinishReason.Kind;
import dev.nexttoken.Message;
import dev.nexttoken.ToolCall;
import dev.nexttoken.Usage;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.StreamErrorException;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/responses}, blocking: the request body, output items, logprobs with bytes, usage, refusals, incomplete and failed answers. */
class ResponsesChatTest extends ResponsesServerTest {

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static ChatRequest paris(int k) {
    return ChatRequest.builder().message(Message.developer("Answer in one word.")).user("Capital of France?")
        .topLogprobs(k).maxTokens(16).temperature(0.0).build();
  }

  /** What logprobs.json and stream-logprobs.sse say, with k = 2: ranked, cut, -9999 gone with the cut. */
  static List<TokenLogprob> parisLogprobs() {
    return List.of(
        new TokenLogprob("Paris", utf8("Paris"), null, -0.003,
            List.of(new TokenCandidate("Paris", utf8("Paris"), null, -0.003), new TokenCandidate("paris", utf8("paris"), null, -6.2))),
        new TokenLogprob(".", utf8("."), null, -0.02,
            List.of(new TokenCandidate(".", utf8("."), null, -0.02), new TokenCandidate("!", utf8("!"), null, -4.1))));
  }

  /** The reasoning item of logprobs.json: its summary, then its reasoning text, a part apart. */
  static final String PARIS_REASONING = "Hello? No: the user wants a city.\n\nthinking about Hello";

  @Test
  void sendsTheDocumentedRequestAndReadsTheMessageItemPastAReasoningItem() {
    server.enqueue(json(read("responses", "logprobs.json")));

    Completion completion = model.chat(paris(2));

    RecordedRequest request = take(server);
    assertEquals("/v1/responses", request.getUrl().encodedPath());
    assertEquals("Bearer sk-test-key", request.getHeaders().get("Authorization"));
    assertBody(read("responses", "request-logprobs.json"), request);
    assertEquals("Paris.", completion.text(), "the reasoning item's text is not the answer");
    assertEquals(PARIS_REASONING, completion.reasoning());
    assertNull(completion.reasoningLogprobs());
    assertEquals(List.of(), completion.toolCalls());
    assertEquals(FinishReason.of(Kind.STOP, "completed"), completion.finishReason());
    assertEquals(new Usage(19, 5, 24, 5, 3), completion.usage());
    assertEquals("gpt-4.1-mini-2025-04-14", completion.model());
    assertEquals("resp_paris", completion.metadata().responseId());
    assertEquals(parisLogprobs(), completion.logprobs());
    assertNull(completion.promptLogprobs());
  }

  @Test
  void theSentinelIsMinusInfinityWhenItIsAmongTheAlternativesAskedFor() {
    server.enqueue(json(read("responses", "logprobs.json")));

    Completion completion = model.chat(paris(3));

    List<TokenCandidate> top = completion.logprobs().get(0).topLogprobs();
    assertEquals(List.of("Paris", "paris", "PAR"), top.stream().map(TokenCandidate::token).toList());
    assertEquals(Double.NEGATIVE_INFINITY, top.get(2).logprob());
  }

  @Test
  void withoutLogprobsNothingIsAskedAndNothingRead() {
    server.enqueue(json(read("responses", "logprobs.json")));

    Completion completion = model.chat(ChatRequest.builder().user("Capital of France?").maxTokens(16).build());

    assertBody("{\"model\":\"gpt-4.1-mini\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"Capital of France?\"}],"
        + "\"max_output_tokens\":16}", take(server));
    assertEquals("Paris.", completion.text());
    assertNull(completion.logprobs(), "not asked for, so none, although the server sent some");
  }

  @Test
  void chosenTokensOnlySendsTopLogprobsZero() {
    server.enqueue(json(read("responses", "logprobs.json")));

    Completion completion = model.chat(paris(0));

    assertTrue(take(server).getBody().utf8().contains("\"include\":[\"message.output_text.logprobs\"],\"top_logprobs\":0"));
    assertEquals(List.of(), completion.logprobs().get(0).topLogprobs());
  }

  @Test
  void aCharacterSplitAcrossTokensKeepsEachTokensBytes() {
    server.enqueue(json(read("responses", "utf8-split.json")));

    Completion completion = model.chat(ChatRequest.builder().user("Say it's").topLogprobs(2).maxTokens(16).build());

    assertEquals("It’s", completion.text());
    List<TokenLogprob> tokens = completion.logprobs();
    assertEquals(4, tokens.size());
    assertEquals("bytes:\\xe2\\x80", tokens.get(1).token());
    assertArrayEquals(new byte[] {(byte) 0xE2, (byte) 0x80}, tokens.get(1).bytes());
    assertArrayEquals(new byte[] {(byte) 0x99}, tokens.get(2).bytes());
    byte[] all = tokens.stream().map(TokenLogprob::bytes).reduce(new byte[0], ResponsesChatTest::concat);
    assertEquals("It’s", new String(all, StandardCharsets.UTF_8));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aRefusalIsTheTextWithFinishReasonContentFilter() {
    server.enqueue(json(read("responses", "refusal.json")));

    Completion completion = model.chat(paris(2));

    assertEquals("I'm sorry, I can't help with that.", completion.text());
    assertEquals(FinishReason.of(Kind.CONTENT_FILTER, "completed"), completion.finishReason());
    assertEquals("I'm sorry, I can't help with that.", completion.metadata().extras().get("refusal"));
    assertNull(completion.logprobs(), "a refusal part carries no logprobs");
  }

  @Test
  void incompleteForMaxOutputTokensIsLengthWithTheReasonKept() {
    server.enqueue(json(read("responses", "incomplete.json")));

    Completion completion = model.chat(paris(2));

    assertEquals("Mango, papaya and", completion.text());
    assertEquals(FinishReason.of(Kind.LENGTH, "max_output_tokens"), completion.finishReason());
    assertNull(completion.logprobs(), "logprobs: [] for a part with text means none were included, not zero tokens");
    assertEquals(new Usage(14, 16, 30, null, 0), completion.usage());
  }

  @Test
  void aFunctionCallItemIsAToolCallNamedByTheFinishReason() {
    server.enqueue(json(read("responses", "function-call.json")));

    Completion completion = model.chat(paris(2));

    assertEquals("", completion.text());
    assertEquals(List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), completion.toolCalls(),
        "the id is call_id, not the item's fc_ id");
    assertEquals(FinishReason.of(Kind.TOOL_CALLS, "completed"), completion.finishReason());
    assertNull(completion.logprobs());
    assertEquals(new Usage(40, 12, 52), completion.usage());
  }

  @Test
  void aFailedResponseIsATypedExceptionWithOpenAisCode() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .setHeader("x-request-id", "req_fail").body(read("responses", "failed.json")).build());

    StreamErrorException e = assertThrows(StreamErrorException.class, () -> model.chat(paris(2)));

    assertEquals("server_error", e.details().errorCode());
    assertEquals("req_fail", e.requestId().orElseThrow());
    assertTrue(e.getMessage().contains("The model failed to generate a response."), e::getMessage);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void storeIsSentOnlyWhenSet() {
    server.enqueue(json(read("responses", "logprobs.json")));
    try (OpenAiResponsesModel unstored = OpenAiResponsesModel.builder().baseUrl(server.url("/v1").toString())
        .model("gpt-4.1-mini").store(false).build()) {
      unstored.chat("Capital of France?");
    }
    assertTrue(take(server).getBody().utf8().endsWith(",\"store\":false}"));
  }

  @Test
  void anEmptyBodyIsMalformed() {
    server.enqueue(json(""));

    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> model.chat(paris(2)));

    assertTrue(e.getMessage().contains("Responses API response"), e::getMessage);
  }
}
