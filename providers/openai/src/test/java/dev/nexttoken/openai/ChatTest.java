package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Message;
import dev.nexttoken.Usage;
import dev.nexttoken.error.StreamErrorException;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/chat/completions}: request bodies, logprobs with bytes and sentinels, refusals, streaming. */
class ChatTest {
  private final MockWebServer server = new MockWebServer();
  private OpenAiModel openAi;
  private OpenAiModel compatible;

  @BeforeEach
  void start() throws Exception {
    server.start();
    String base = server.url("/v1").toString();
    openAi = OpenAiModel.builder().baseUrl(base).apiKey("sk-test-key").dialect(OpenAiDialect.OPENAI).model("gpt-4o-mini").maxRetries(0).build();
    compatible = OpenAiModel.builder().baseUrl(base).maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    openAi.close();
    compatible.close();
    server.close();
  }

  @Test
  void sendsTheDocumentedRequestAndMapsLogprobsWithBytes() {
    server.enqueue(json(read("chat", "logprobs.json")));

    Completion completion = openAi.chat(ChatRequest.builder()
        .message(Message.developer("Answer in one word."))
        .user("Capital of France?")
        .topLogprobs(2).maxTokens(5).temperature(0.0).seed(7L)
        .build());

    RecordedRequest request = take(server);
    assertEquals("/v1/chat/completions", request.getUrl().encodedPath());
    assertBody(read("chat", "request-logprobs.json"), request);
    assertEquals("Paris", completion.text());
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "stop"), completion.finishReason());
    assertEquals(new Usage(20, 1, 21, 0, 0), completion.usage()); // the fixture reports cached_tokens 0 and reasoning_tokens 0
    assertEquals("gpt-4o-mini-2024-07-18", completion.model());
    assertEquals("chatcmpl-1", completion.metadata().responseId());
    assertEquals(
        List.of(new TokenLogprob("Paris", utf8("Paris"), null, -0.0009,
            List.of(new TokenCandidate("Paris", utf8("Paris"), null, -0.0009), new TokenCandidate("PAR", utf8("PAR"), null, -7.5)))),
        completion.logprobs());
    assertNull(completion.promptLogprobs());
  }

  @Test
  void theMinus9999SentinelBecomesMinusInfinityAndStaysACandidate() {
    server.enqueue(json(read("chat", "sentinel.json")));

    Completion completion = openAi.chat(ChatRequest.builder().user("Oui?").topLogprobs(3).build());

    TokenLogprob oui = completion.logprobs().get(0);
    assertEquals(Double.NEGATIVE_INFINITY, oui.logprob());
    assertEquals(List.of("Yes", "No", "Maybe"), oui.topLogprobs().stream().map(TokenCandidate::token).toList());
    assertEquals(Double.NEGATIVE_INFINITY, oui.topLogprobs().get(2).logprob());
    TokenLogprob accent = completion.logprobs().get(1);
    assertEquals("é", accent.token());
    assertEquals(List.of((byte) 0xC3, (byte) 0xA9), boxed(accent.bytes()));
    assertNull(accent.topLogprobs().get(1).bytes(), "a special token has no bytes");
    assertEquals("Ouié", completion.text());
  }

  @Test
  void aRefusalIsTheTextWithContentFilterAndTheRefusalsLogprobs() {
    server.enqueue(json(read("chat", "refusal.json")));

    Completion completion = openAi.chat(ChatRequest.builder().user("Something bad").topLogprobs(0).build());

    assertEquals("I can't help with that.", completion.text());
    assertEquals(FinishReason.of(FinishReason.Kind.CONTENT_FILTER, "stop"), completion.finishReason());
    assertEquals("I can't help with that.", completion.metadata().extras().get("refusal"));
    assertEquals(List.of("I can't", " help with that."), completion.logprobs().stream().map(TokenLogprob::token).toList());
    assertEquals(List.of(-0.3, -0.1), completion.logprobs().stream().map(TokenLogprob::logprob).toList());
  }

  @Test
  void aStreamSendsTheDocumentedRequestAndEndsWithTheUsageChunk() {
    server.enqueue(sse(read("chat", "stream.sse")));

    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = openAi.chatStreaming(ChatRequest.builder()
        .system("Be brief.").user("Capital of France?").assistant("Paris.").user("And of Italy?")
        .topLogprobs(1).maxTokens(3).build())) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    assertBody(read("chat", "request-stream.json"), take(server));
    // The role chunk carries an empty logprob list ("content":[]), no longer dropped since item 8 tells
    // it from none; then the token, the finish chunk ({"delta":{}}) and usage ({"choices":[]}).
    assertEquals(4, chunks.size());
    assertEquals("", chunks.get(0).textDelta());
    assertEquals(List.of(), chunks.get(0).logprobs());
    assertEquals("Paris", chunks.get(1).textDelta());
    assertEquals(FinishReason.Kind.STOP, chunks.get(2).finishReason().kind());
    assertNull(chunks.get(2).logprobs(), "\"logprobs\": null carries none");
    assertEquals(new Usage(20, 1, 21), chunks.get(3).usage());
    assertEquals("Paris", collected.text());
    assertEquals(List.of(new TokenLogprob("Paris", utf8("Paris"), null, -0.0009,
        List.of(new TokenCandidate("Paris", utf8("Paris"), null, -0.0009)))), collected.logprobs());
    assertEquals(new Usage(20, 1, 21), collected.usage());
    assertEquals("chatcmpl-1", collected.metadata().responseId());
  }

  @Test
  void eachChunksLogprobsAreAppendedExactlyOnce() {
    server.enqueue(sse(read("chat", "stream-tokens.sse")));

    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = openAi.chatStreaming(ChatRequest.builder().user("Capital of Italy?").topLogprobs(1).build())) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    // role chunk (kept: it reports the system fingerprint), two tokens, finish, usage; null: the chunk carries no logprobs
    assertEquals(java.util.Arrays.asList(null, 1, 1, null, null),
        chunks.stream().map(c -> c.logprobs() == null ? null : c.logprobs().size()).toList());
    assertEquals("Rome.", collected.text());
    assertEquals(List.of("Rome", "."), collected.logprobs().stream().map(TokenLogprob::token).toList());
    TokenLogprob dot = collected.logprobs().get(1);
    assertEquals(-0.7, dot.logprob());
    assertEquals(List.of(new TokenCandidate("!", utf8("!"), null, -0.6)), dot.topLogprobs());
    assertEquals(FinishReason.Kind.LENGTH, collected.finishReason().kind());
    assertEquals(new Usage(30, 2, 32), collected.usage());
    assertEquals("fp_y", collected.metadata().extras().get("system_fingerprint"));
    assertEquals("gpt-4o-mini-2024-07-18", collected.model());
  }

  @Test
  void aStreamedRefusalEndsAsContentFilter() {
    server.enqueue(sse(read("chat", "stream-refusal.sse")));

    Completion collected;
    try (CompletionStream stream = openAi.chatStreaming(ChatRequest.of("Something bad"))) {
      collected = stream.collect();
    }

    assertEquals("I can't help with that.", collected.text());
    assertEquals(FinishReason.of(FinishReason.Kind.CONTENT_FILTER, "stop"), collected.finishReason());
    assertEquals("I can't help with that.", collected.metadata().extras().get("refusal"));
    assertNull(collected.logprobs());
  }

  @Test
  void aCompatibleServerGetsMaxTokensAndMayOmitUsage() {
    server.enqueue(json(read("chat", "llamacpp.json")));

    Completion completion = compatible.chat(ChatRequest.builder().model("any").user("Capital of France?")
        .topLogprobs(2).maxTokens(3).temperature(0.0).build());

    assertBody(read("chat", "request-llamacpp.json"), take(server));
    assertEquals("Paris", completion.text());
    assertEquals(Usage.UNKNOWN, completion.usage());
    assertEquals(59604, completion.logprobs().get(0).id());
    assertEquals(List.of(59604, 791), completion.logprobs().get(0).topLogprobs().stream().map(TokenCandidate::id).toList());
  }

  @Test
  void anErrorInsideTheStreamFailsItAndKeepsWhatArrived() {
    server.enqueue(sse(read("chat", "error-in-stream.sse")));

    try (CompletionStream stream = openAi.chatStreaming(ChatRequest.of("Hi"))) {
      StreamErrorException e = assertThrows(StreamErrorException.class, stream::collect);
      assertEquals("server_error", e.details().errorType());
      assertEquals("Par", stream.partial().text());
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Byte> boxed(byte[] bytes) {
    List<Byte> out = new ArrayList<>();
    for (byte b : bytes) {
      out.add(b);
    }
    return out;
  }
}
