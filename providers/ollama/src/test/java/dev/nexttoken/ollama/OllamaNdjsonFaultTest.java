package dev.nexttoken.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.Timeouts;
import dev.nexttoken.contract.Faults;
import dev.nexttoken.contract.Fuzzer;
import dev.nexttoken.contract.ScriptedBody;
import dev.nexttoken.error.ConnectionException;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.StreamErrorException;
import dev.nexttoken.error.TimeoutException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stream faults in Ollama's own framing (one object a line, no blank lines, a bare
 * {@code {"error":"..."}} line for an error after HTTP 200): the cases core's fault suite expresses
 * in SSE ({@link OllamaFaultTest#SSE_ONLY}), and the cuts again without the blank lines it needs.
 */
@Timeout(30)
class OllamaNdjsonFaultTest {
  private static final String KEY = "ollama-NDJSON-FAULT-SECRET-4242";
  private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(400), null);
  private static final ChatRequest REQUEST = ChatRequest.builder().user("Say hello").maxTokens(2).topLogprobs(2).build();

  private final MockWebServer server = new MockWebServer();
  private final CountDownLatch release = new CountDownLatch(1);
  private OllamaModel model;
  private CompletionStream stream;

  @BeforeEach
  void start() throws Exception {
    server.start();
    model = OllamaModel.builder().baseUrl(server.url("/").toString()).apiKey(KEY).model(OllamaTestSupport.MODEL)
        .timeouts(SHORT).retry(OllamaTestSupport.FAST_RETRY).build();
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (stream != null) {
      stream.close();
    }
    model.close();
    server.close();
  }

  private static String firstLine() {
    return OllamaTestSupport.fixture("chat/hello.ndjson").lines().findFirst().orElseThrow() + "\n";
  }

  private static MockResponse stream() {
    return OllamaTestSupport.ndjson("chat/hello.ndjson");
  }

  private <E extends NextTokenException> E streamFails(Class<E> type) {
    NextTokenException e = assertThrows(NextTokenException.class, () -> {
      stream = model.chatStreaming(REQUEST); // a wrong content type fails here, before any chunk
      stream.collect();
    });
    if (!type.isInstance(e)) {
      fail("expected " + type.getSimpleName() + " but got " + e, e);
    }
    assertEquals("ollama", e.provider());
    assertKeyAbsent(e);
    return type.cast(e);
  }

  @Test
  void errorLineAfterSomeTokensIsAStreamErrorKeepingThem() {
    server.enqueue(OllamaTestSupport.ndjson("chat/error-midstream.ndjson"));

    StreamErrorException e = streamFails(StreamErrorException.class);

    assertTrue(e.getMessage().contains("unexpected EOF"), e::getMessage);
    assertEquals("Hello", stream.partial().text());
    assertEquals(1, stream.partial().logprobs().size(), "the token delivered before the error keeps its logprob");
    assertEquals(1, server.getRequestCount(), "a stream that started is never retried");
  }

  @Test
  void errorLineEchoingTheKeyIsRedacted() {
    server.enqueue(OllamaTestSupport.ndjsonBody(firstLine() + "{\"error\":\"token " + KEY + " was revoked\"}\n"));

    StreamErrorException e = streamFails(StreamErrorException.class);

    assertTrue(e.getMessage().contains("was revoked"), e::getMessage);
  }

  @Test
  void wrongContentTypeNamesNdjson() {
    server.enqueue(stream().newBuilder().setHeader("Content-Type", "text/html").build());

    MalformedResponseException e = streamFails(MalformedResponseException.class);

    assertTrue(e.getMessage().contains("application/x-ndjson"), e::getMessage);
  }

  @Test
  void plainJsonContentTypeIsAcceptedForAStream() {
    // Proxies relabel NDJSON as application/json; the lines are the same.
    server.enqueue(stream().newBuilder().setHeader("Content-Type", "application/json").build());

    try (CompletionStream s = model.chatStreaming(REQUEST)) {
      assertEquals("Hello world", s.collect().text());
    }
  }

  @Test
  void disconnectAfterTheFirstLine() {
    server.enqueue(Faults.cutAfter(stream(), firstLine()));

    ConnectionException e = streamFails(ConnectionException.class);

    assertFalse(e.isRetryable(), "the server accepted the request");
    assertEquals("Hello", stream.partial().text());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void closeDelimitedBodyCutAfterTheFirstLineIsNotAWholeAnswer() {
    server.enqueue(Faults.closeDelimited(stream(), firstLine()));

    MalformedResponseException e = streamFails(MalformedResponseException.class);

    assertTrue(e.getMessage().contains("ended before"), e::getMessage);
    assertEquals("Hello", stream.partial().text());
  }

  @Test
  void lineCutMidObject() {
    server.enqueue(OllamaTestSupport.ndjsonBody(firstLine() + "{\"model\":\"llama3.2:1b\",\"message\":{\"role\":\"assistant\",\"content\":\" wor"));

    streamFails(MalformedResponseException.class);

    assertEquals("Hello", stream.partial().text());
  }

  @Test
  void streamWithoutItsDoneLine() {
    String body = OllamaTestSupport.fixture("chat/hello.ndjson").lines().limit(2).map(l -> l + "\n").reduce("", String::concat);
    server.enqueue(OllamaTestSupport.ndjsonBody(body));

    streamFails(MalformedResponseException.class);

    assertEquals("Hello world", stream.partial().text());
  }

  @Test
  void stallAfterTheFirstLineHitsTheIdleTimeout() {
    server.enqueue(ScriptedBody.thenStall(stream(), firstLine(), release));

    TimeoutException e = streamFails(TimeoutException.class);

    assertEquals(TimeoutException.Kind.STREAM_IDLE, e.kind());
    assertEquals("Hello", stream.partial().text());
  }

  @Test
  @Timeout(600)
  void fuzzedLinesRaiseOnlyTypedExceptions() {
    String ndjson = OllamaTestSupport.fixture("chat/hello.ndjson");
    String echo = "{\"echo\":\"Bearer " + KEY + "\",";
    List<byte[]> corpus = List.of(ndjson.getBytes(StandardCharsets.UTF_8),
        ndjson.replace("{\"model\"", echo + "\"model\"").getBytes(StandardCharsets.UTF_8),
        OllamaTestSupport.fixture("chat/logprobs.ndjson").getBytes(StandardCharsets.UTF_8));
    Fuzzer fuzzer = new Fuzzer(Fuzzer.seed() + 7, corpus);
    AtomicReference<byte[]> body = new AtomicReference<>();
    OkHttpClient canned = new OkHttpClient.Builder().addInterceptor(chain -> new Response.Builder().request(chain.request())
        .protocol(Protocol.HTTP_1_1).code(200).message("OK").header("Content-Type", "application/x-ndjson")
        .body(ResponseBody.create(body.get(), MediaType.get("application/x-ndjson"))).build()).build();
    try (OllamaModel m = OllamaModel.builder().baseUrl("http://127.0.0.1:9/").apiKey(KEY).model(OllamaTestSupport.MODEL)
        .httpClient(canned).retry(RetrySettings.NONE).build()) {
      int cases = Fuzzer.cases();
      int typed = 0;
      String head = firstLine();
      for (int i = 0; i < cases; i++) {
        byte[] input = i % 2 == 1 ? concat(head, fuzzer.next(doc -> doc)) : fuzzer.next(doc -> doc);
        body.set(input);
        try (CompletionStream s = m.chatStreaming(REQUEST)) {
          s.collect();
        } catch (NextTokenException expected) {
          typed++;
          StringWriter trace = new StringWriter();
          expected.printStackTrace(new PrintWriter(trace));
          assertFalse(trace.toString().contains(KEY), trace::toString);
        } catch (Throwable escaped) {
          fail("case " + i + " (seed " + Fuzzer.seed() + ") let " + escaped + " escape", escaped);
        }
      }
      assertTrue(typed > cases / 2, "most hostile inputs are rejected with a typed exception: " + typed + " of " + cases);
    } finally {
      canned.dispatcher().executorService().shutdown();
    }
  }

  private static byte[] concat(String head, byte[] tail) {
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[h.length + tail.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(tail, 0, out, h.length, tail.length);
    return out;
  }

  private static void assertKeyAbsent(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(KEY), trace::toString);
  }
}
