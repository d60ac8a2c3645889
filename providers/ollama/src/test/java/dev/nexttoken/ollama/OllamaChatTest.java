package dev.nexttoken.ollama;

import static dev.nexttoken.ollama.OllamaTestSupport.body;
import static dev.nexttoken.ollama.OllamaTestSupport.json;
import static dev.nexttoken.ollama.OllamaTestSupport.ndjson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Message;
import dev.nexttoken.Usage;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/chat}, blocking and streamed, against fixtures written from Ollama's documented format. */
class OllamaChatTest extends OllamaServerTest {
  private static final ChatRequest TOP3 = ChatRequest.builder().user("Capital of France?").topLogprobs(3).build();

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void logprobsWithAlternativesAndBytes(boolean stream) {
    Completion c = answer("logprobs", stream, TOP3);

    assertEquals("Paris, bien.", c.text());
    assertEquals("qwen3:4b", c.model());
    List<TokenLogprob> tokens = c.logprobs();
    assertEquals(List.of("Paris", ",", " bien", "."), tokens.stream().map(TokenLogprob::token).toList());
    assertEquals(c.text(), tokens.stream().map(t -> new String(t.bytes(), StandardCharsets.UTF_8)).collect(Collectors.joining()));
    assertEquals(0.0, tokens.get(0).logprob(), "a logprob of exactly 0 stays 0");
    assertArrayEquals(new byte[] {80, 97, 114, 105, 115}, tokens.get(0).bytes());
    assertNull(tokens.get(0).id(), "Ollama reports no token ids");
    for (TokenLogprob t : tokens) {
      assertEquals(3, t.topLogprobs().size(), () -> "three alternatives for " + t);
    }
    // The chosen "," is the second most likely: the alternatives come most likely first, as sent.
    TokenLogprob comma = tokens.get(1);
    assertEquals(-1.2, comma.logprob());
    assertEquals(List.of("!", ",", "."), comma.topLogprobs().stream().map(TokenCandidate::token).toList());
    assertArrayEquals(new byte[] {33}, comma.topLogprobs().get(0).bytes());
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void finishReasonUsageAndDurations(boolean stream) {
    Completion c = answer("logprobs", stream, TOP3);

    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "stop"), c.finishReason());
    assertEquals(new Usage(14, 4, 18, null, null), c.usage(), "no cached or reasoning counts from Ollama");
    Map<String, String> extras = c.metadata().extras();
    assertEquals("412000000", extras.get("total_duration"));
    assertEquals("9000000", extras.get("load_duration"));
    assertEquals("60000000", extras.get("prompt_eval_duration"));
    assertEquals("30000000", extras.get("eval_duration"));
  }

  @Test
  void collectedStreamEqualsTheBlockingAnswer() {
    for (String fixture : List.of("logprobs", "hello", "utf8-split")) {
      Completion whole = answer(fixture, false, TOP3);
      Completion collected = answer(fixture, true, TOP3);

      assertEquals(whole.text(), collected.text(), fixture);
      assertEquals(whole.logprobs(), collected.logprobs(), fixture);
      assertEquals(whole.finishReason(), collected.finishReason(), fixture);
      assertEquals(whole.usage(), collected.usage(), fixture);
      assertEquals(whole.model(), collected.model(), fixture);
      assertEquals(whole.metadata().extras(), collected.metadata().extras(), fixture);
    }
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void aCharacterSplitAcrossTokensKeepsEachTokensBytes(boolean stream) {
    Completion c = answer("utf8-split", stream, TOP3);

    assertEquals("Très", c.text());
    assertEquals(FinishReason.of(FinishReason.Kind.LENGTH, "length"), c.finishReason());
    List<TokenLogprob> tokens = c.logprobs();
    assertEquals(4, tokens.size());
    assertArrayEquals(new byte[] {(byte) 0xC3}, tokens.get(1).bytes());
    assertArrayEquals(new byte[] {(byte) 0xA8}, tokens.get(2).bytes());
    byte[] all = tokens.stream().map(TokenLogprob::bytes).reduce(new byte[0], OllamaChatTest::concat);
    assertEquals("Très", new String(all, StandardCharsets.UTF_8), "the bytes, joined, are the text");
    assertEquals(List.of(), tokens.get(1).topLogprobs(), "no alternatives sent: an empty list");
  }

  @Test
  void aPartialCharacterAsAnEmptyTokenWithoutBytes() {
    // The llama-server backend cuts token text to valid UTF-8: a partial piece may come as "" without bytes.
    server.enqueue(OllamaTestSupport.ndjsonBody(
        "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":false,\"logprobs\":[{\"token\":\"\",\"logprob\":-0.2}]}\n"
            + "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"è\"},\"done\":false,\"logprobs\":[{\"token\":\"è\",\"logprob\":-0.1,\"bytes\":[195,168]}]}\n"
            + "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}\n"));

    Completion c = collect(TOP3);

    assertEquals("è", c.text());
    assertEquals("", c.logprobs().get(0).token());
    assertNull(c.logprobs().get(0).bytes(), "no bytes sent: unknown");
    assertEquals(Usage.UNKNOWN, c.usage(), "no counts sent: unknown");
  }

  @Test
  void eachStreamedLineBecomesOneChunkWithItsOwnTokens() {
    server.enqueue(ndjson("chat/logprobs.ndjson"));

    List<Integer> perChunk;
    try (CompletionStream s = model.chatStreaming(TOP3)) {
      perChunk = s.stream().map(ch -> ch.logprobs() == null ? -1 : ch.logprobs().size()).toList();
    }

    assertEquals(List.of(1, 2, 1, -1), perChunk, "one line carries two tokens; the done line none");
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void theRequestIsOllamasNativeChat(boolean stream) throws Exception {
    ChatRequest request = ChatRequest.builder()
        .messages(List.of(Message.developer("Be brief."), Message.user("Capital of France?")))
        .maxTokens(16).temperature(0.2).topP(0.9).topK(40).seed(7L).stop("\n").topLogprobs(3).build();

    answer("logprobs", stream, request);

    RecordedRequest recorded = server.takeRequest();
    assertEquals("/api/chat", recorded.getUrl().encodedPath());
    assertNull(recorded.getHeaders().get("Authorization"), "no credential unless one is set");
    JsonNode body = body(recorded);
    assertEquals(OllamaTestSupport.MODEL, body.get("model").asText());
    assertTrue(body.get("stream").isBoolean(), "stream is always sent: Ollama streams by default");
    assertEquals(stream, body.get("stream").asBoolean());
    assertTrue(body.get("logprobs").asBoolean());
    assertEquals(3, body.get("top_logprobs").asInt());
    assertEquals("system", body.get("messages").get(0).get("role").asText(), "no developer role in Ollama");
    assertEquals("user", body.get("messages").get(1).get("role").asText());
    assertEquals("Capital of France?", body.get("messages").get(1).get("content").asText());
    JsonNode options = body.get("options");
    assertEquals(16, options.get("num_predict").asInt());
    assertEquals(0.2, options.get("temperature").asDouble());
    assertEquals(0.9, options.get("top_p").asDouble());
    assertEquals(40, options.get("top_k").asInt());
    assertEquals(7, options.get("seed").asInt());
    assertEquals("\n", options.get("stop").get(0).asText());
    assertNull(body.get("raw"), "raw belongs to /api/generate");
    assertNull(body.get("prompt"));
  }

  @Test
  void withoutLogprobsNothingAboutThemIsSent() throws Exception {
    server.enqueue(json("chat/no-logprobs.json"));

    Completion c = model.chat(ChatRequest.builder().user("Hi").build());

    assertNull(c.logprobs(), "not requested, none sent");
    JsonNode body = body(server.takeRequest());
    assertNull(body.get("logprobs"));
    assertNull(body.get("top_logprobs"));
    assertNull(body.get("options"), "no option set, none sent");
    assertFalse(body.get("stream").asBoolean());
  }

  @Test
  void chosenTokenOnlySendsNoTopLogprobs() throws Exception {
    server.enqueue(json("chat/hello.json"));

    model.chat(ChatRequest.builder().user("Hi").topLogprobs(0).build());

    JsonNode body = body(server.takeRequest());
    assertTrue(body.get("logprobs").asBoolean());
    assertNull(body.get("top_logprobs"), "Ollama's default 0 is the chosen token only");
  }

  @Test
  void aModelIsRequired() {
    try (OllamaModel nameless = OllamaModel.builder().baseUrl(server.url("/").toString()).build()) {
      RequestValidationException e = assertThrows(RequestValidationException.class, () -> nameless.chat(ChatRequest.builder().user("Hi").build()));
      assertTrue(e.getMessage().contains("no model"), e::getMessage);
    }
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void aServerTooOldForLogprobsKeepsTheAnswerAndSaysWhy(boolean stream) {
    Completion answer = answer("no-logprobs", stream, TOP3);

    assertEquals("Hello world", answer.text(), "the answer is not thrown away");
    assertNull(answer.logprobs(), "none came");
    String warning = answer.metadata().extras().get("warning");
    assertTrue(warning != null && warning.contains("0.12.11"), () -> String.valueOf(warning));
  }

  @Test
  void anEmptyAnswerWithoutLogprobsIsNotMistakenForAnOldServer() {
    server.enqueue(OllamaTestSupport.jsonBody(200, "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"load\"}"));

    Completion c = model.chat(TOP3);

    assertEquals("", c.text());
    assertNull(c.logprobs());
    assertEquals(FinishReason.of(FinishReason.Kind.OTHER, "load"), c.finishReason());
  }

  @Test
  void anUnfinishedBlockingAnswerIsMalformed() {
    // What a client reading one object of a stream would get (pitfall: streaming is Ollama's default).
    server.enqueue(ndjson("chat/hello.ndjson"));

    assertThrows(dev.nexttoken.error.MalformedResponseException.class, () -> model.chat(TOP3));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
