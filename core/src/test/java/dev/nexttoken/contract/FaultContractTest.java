package dev.nexttoken.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OptionsBuilder;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.Timeouts;
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.ConnectionException;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.RateLimitException;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.ServerException;
import dev.nexttoken.error.StreamErrorException;
import dev.nexttoken.error.StreamTooLargeException;
import dev.nexttoken.error.TimeoutException;
import dev.nexttoken.spi.ModelBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every provider must survive alike: refused and reset connections, bodies cut or stalled at
 * every stage, bodies that are not what they claim, oversized events, errors after some tokens,
 * rate limits with each form of {@code Retry-After}, and 5xx storms. Each case is named after its
 * fault and runs blocking and streaming where both apply.
 *
 * <p>For every fault: a specific typed exception (or a retry and then success), well within the
 * short timeouts configured here; a stream that fails after its first token keeps that token in
 * {@link CompletionStream#partial()}; no connection of the caller's {@link OkHttpClient} is left in
 * use; and the recognisable {@link #API_KEY} appears in no message, cause, suppressed exception or
 * stack trace the whole suite produced ({@link #keyAppearsInNothingTheSuiteProduced}).
 *
 * <p>The key reaches each model through {@link #scheme()}: the builder's {@code apiKey} unless a
 * subclass names another {@link CredentialScheme}; core's fake provider runs the suite with each.
 * Every request carries the key exactly where the scheme puts it
 * ({@link #credentialIsSentWhereTheSchemeSaysAndNowhereElse}).
 *
 * <p>A provider module runs it by extending this class with two answers: its {@link ModelContractTest}
 * (whose fixtures and operation are reused) and how to build its model with the suite's settings.
 */
@Timeout(30)
public abstract class FaultContractTest {
  /** The fake key set on every model of the suite; a leak into any text is caught. */
  public static final String API_KEY = "sk-FAULT-SUITE-SECRET-9876";

  /** Retries on, with waits of a few milliseconds; {@code Retry-After} honoured up to 60 s. */
  protected static final RetrySettings FAST_RETRIES = RetrySettings.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

  private static final Duration IDLE = Duration.ofMillis(400);
  private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), IDLE, null);
  private static final String THREAD_PREFIX = "nexttoken-http-";
  /** No hostile input of at most a few hundred kilobytes may cost more than this to reject. */
  private static final long MAX_CASE_ALLOCATION = 64L << 20;

  /** Every exception any case produced, scanned for the key once the class is done. */
  private static final ConcurrentLinkedQueue<Throwable> PRODUCED = new ConcurrentLinkedQueue<>();
  private static final ConcurrentLinkedQueue<String> DESCRIBED = new ConcurrentLinkedQueue<>();

  /** Blocking call or pulled stream. */
  public enum Mode { BLOCKING, STREAMING }

  protected MockWebServer server;
  private OkHttpClient caller;
  private final List<LanguageModel> models = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private ModelContractTest fixtures;
  private CompletionStream lastStream;

  /** The provider's contract test: its operation and its answer, streamed answer and error fixtures are reused. */
  protected abstract ModelContractTest contract();

  /**
   * The provider's model aimed at {@code baseUrl} (the server's root; append the provider's path
   * prefix), with a default model name where one is needed and then {@code settings} applied to
   * its builder (key, client, timeouts, retries, limits), ready to call.
   */
  protected abstract LanguageModel newModel(String baseUrl, Consumer<ModelBuilder<?>> settings);

  /**
   * How the suite's models carry {@link #API_KEY}: by default the builder's {@code apiKey}, sent as
   * {@code Authorization: Bearer}; a provider that sends its key elsewhere returns
   * {@link CredentialScheme#apiKey(String, String)}.
   */
  protected CredentialScheme scheme() {
    return CredentialScheme.apiKey();
  }

  /** {@code settings} with the suite's key applied the {@link #scheme()}'s way first. */
  private Consumer<ModelBuilder<?>> keyed(Consumer<ModelBuilder<?>> settings) {
    return b -> {
      scheme().apply(b, API_KEY);
      settings.accept(b);
    };
  }

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
    caller = new OkHttpClient.Builder().connectionPool(new ConnectionPool()).build();
    fixtures = contract();
  }

  @AfterEach
  void checkNothingLeftBehind() throws InterruptedException {
    release.countDown();
    try {
      if (lastStream != null) {
        lastStream.close();
      }
      for (LanguageModel m : models) {
        m.close();
        DESCRIBED.add(m.toString());
      }
      ConnectionPool pool = caller.connectionPool();
      awaitTrue(() -> pool.connectionCount() == pool.idleConnectionCount(),
          () -> "a connection is still in use: " + pool.connectionCount() + " open, " + pool.idleConnectionCount() + " idle");
    } finally {
      caller.dispatcher().executorService().shutdown();
      caller.connectionPool().evictAll();
      server.close();
    }
  }

  @AfterAll
  static void keyAppearsInNothingTheSuiteProduced() {
    for (Throwable t : PRODUCED) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      assertFalse(trace.toString().contains(API_KEY), () -> "the key leaked into " + trace);
      assertKeyAbsent(t);
    }
    for (String text : DESCRIBED) {
      assertFalse(text.contains(API_KEY), text);
    }
  }

  // ---- connections ----------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void connectionRefused(Mode mode) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    LanguageModel m = model("http://127.0.0.1:" + port + "/", b -> b.retry(FAST_RETRIES));

    ConnectionException e = failure(ConnectionException.class, m, mode);

    assertTrue(e.isRetryable(), "nothing reached the server");
    assertEquals(0, e.httpStatus());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void resetBeforeTheResponseIsRetriedThenSucceeds(Mode mode) {
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket(true, false, false)).build());
    server.enqueue(success(mode));

    assertEquals("Hello world", text(model(b -> b.retry(FAST_RETRIES)), mode));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void resetBeforeTheResponseWithoutRetriesFails(Mode mode) {
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket(true, false, false)).build());

    ConnectionException e = failure(ConnectionException.class, model(b -> b.retry(RetrySettings.NONE)), mode);

    assertTrue(e.isRetryable());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void disconnectAfterTheHeaders(Mode mode) {
    server.enqueue(Faults.cutAfter(success(mode), ""));
    server.enqueue(success(mode));

    ConnectionException e = failure(ConnectionException.class, model(b -> b.retry(FAST_RETRIES)), mode);

    assertEquals(200, e.httpStatus());
    assertFalse(e.isRetryable(), "the server accepted the request: repeating it could run it twice");
    assertEquals(1, server.getRequestCount());
    assertPartial(mode, "");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void disconnectMidBody(Mode mode) {
    String sent = mode == Mode.STREAMING ? Faults.throughFirstToken(streamed()) : Faults.firstHalf(answer());
    server.enqueue(Faults.cutAfter(success(mode), sent));

    failure(ConnectionException.class, model(b -> b.retry(FAST_RETRIES)), mode);

    assertEquals(1, server.getRequestCount());
    assertPartial(mode, "Hello");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void serverClosesAKeptAliveConnectionRightAfterTheResponse(Mode mode) {
    // llama-server does this after every stream while announcing keep-alive; the next call must not pay for it.
    server.enqueue(success(mode).newBuilder().onResponseEnd(new SocketEffect.CloseSocket(true, false, false)).build());
    server.enqueue(answer());
    LanguageModel m = model(b -> b.retry(RetrySettings.NONE));

    assertEquals("Hello world", text(m, mode));
    assertEquals("Hello world", text(m, Mode.BLOCKING), "the call after it succeeds without any retry budget");
  }

  @Test
  void disconnectMidStreamOnACloseDelimitedBody() {
    // No length, no chunking: the cut looks like a clean end, and only the missing end of stream shows it.
    server.enqueue(Faults.closeDelimited(streamed(), Faults.throughFirstToken(streamed())));

    failure(MalformedResponseException.class, model(b -> {}), Mode.STREAMING);

    assertPartial(Mode.STREAMING, "Hello");
  }

  // ---- time ------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void streamThatStopsSendingHitsTheIdleTimeout(Mode mode) {
    String sent = mode == Mode.STREAMING ? Faults.throughFirstToken(streamed()) : Faults.firstHalf(answer());
    server.enqueue(ScriptedBody.thenStall(success(mode), sent, release));

    long start = System.nanoTime();
    TimeoutException e = failure(TimeoutException.class, model(b -> b.retry(FAST_RETRIES)), mode);

    assertEquals(TimeoutException.Kind.STREAM_IDLE, e.kind());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(IDLE.multipliedBy(10)) < 0, "failed near the idle limit, not much later");
    assertEquals(1, server.getRequestCount());
    assertPartial(mode, "Hello");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void slowTrickleWithinTheIdleLimitSucceeds(Mode mode) {
    // Every silence is far below the idle limit, though the whole body takes longer than one.
    server.enqueue(success(mode).newBuilder().throttleBody(256, 40, TimeUnit.MILLISECONDS).build());

    assertEquals("Hello world", text(model(b -> b.retry(RetrySettings.NONE)), mode));
  }

  // ---- bodies that are not what they claim -----------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void truncatedJson(Mode mode) {
    String body = mode == Mode.STREAMING
        ? Faults.throughFirstToken(streamed()) + "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"wor\n\n"
        : Faults.firstHalf(answer());
    server.enqueue(Faults.withBody(success(mode), body));

    MalformedResponseException e = failure(MalformedResponseException.class, model(b -> b.retry(FAST_RETRIES)), mode);

    assertFalse(e.isRetryable());
    assertPartial(mode, "Hello");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void htmlErrorPageWith502(Mode mode) {
    server.enqueue(Faults.htmlPage(502));

    ServerException e = failure(ServerException.class, model(b -> b.retry(RetrySettings.NONE)), mode);

    assertEquals(502, e.httpStatus());
    assertTrue(e.getMessage().contains("502 Bad Gateway"), e::getMessage);
    assertFalse(e.getMessage().contains("<html>"), () -> "markup is stripped: " + e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void htmlPageWith200(Mode mode) {
    server.enqueue(Faults.htmlPage(200));

    MalformedResponseException e = failure(MalformedResponseException.class, model(b -> b.retry(FAST_RETRIES)), mode);

    assertEquals(1, server.getRequestCount());
    assertNotNull(e.getMessage());
  }

  @Test
  void wrongContentTypeOnAStream() {
    server.enqueue(streamed().newBuilder().setHeader("Content-Type", "text/html").build());

    MalformedResponseException e = failure(MalformedResponseException.class, model(b -> {}), Mode.STREAMING);

    assertTrue(e.getMessage().contains("text/event-stream"), e::getMessage);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void emptyBodyWith200(Mode mode) {
    server.enqueue(Faults.withBody(success(mode), ""));

    failure(MalformedResponseException.class, model(b -> b.retry(FAST_RETRIES)), mode);

    assertEquals(1, server.getRequestCount());
  }

  // ---- stream framing --------------------------------------------------------------------------

  @Test
  void lastEventWithoutItsBlankLineAtEndOfStream() {
    String body = Faults.text(streamed()).stripTrailing();
    server.enqueue(Faults.withBody(streamed(), body));

    Completion completion = collect(model(b -> {}));

    assertEquals("Hello world", completion.text());
    assertNotNull(completion.finishReason());
  }

  @Test
  void tenMegabyteDataLineFailsUnderTheDefaultBound() {
    String huge = "data: " + "x".repeat(10 << 20) + "\n\n";
    server.enqueue(Faults.withBody(streamed(), Faults.throughFirstToken(streamed()) + huge));

    StreamTooLargeException e = failure(StreamTooLargeException.class, model(b -> {}), Mode.STREAMING);

    assertTrue(e.getMessage().contains("maxEventBytes"), e::getMessage);
    assertPartial(Mode.STREAMING, "Hello");
  }

  @Test
  void tenMegabyteDataLineIsAcceptedWhenTheBoundIsRaised() {
    server.enqueue(Faults.withBody(streamed(), Faults.padFirstTokenEvent(streamed(), 10 << 20)));

    Completion completion = collect(model(b -> b.maxEventBytes(16 << 20)));

    assertEquals("Hello world", completion.text());
  }

  @Test
  void errorEventAfterSomeTokens() {
    String error = "data: {\"error\":{\"message\":\"the model is overloaded\",\"type\":\"server_error\",\"code\":\"overloaded\"}}\n\n";
    server.enqueue(Faults.withBody(streamed(), Faults.throughFirstToken(streamed()) + error));

    StreamErrorException e = failure(StreamErrorException.class, model(b -> b.retry(FAST_RETRIES)), Mode.STREAMING);

    assertTrue(e.getMessage().contains("the model is overloaded"), e::getMessage);
    assertEquals(1, server.getRequestCount());
    assertPartial(Mode.STREAMING, "Hello");
  }

  // ---- rate limits and storms ------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void rateLimitWithRetryAfterSeconds(Mode mode) {
    server.enqueue(rateLimited().setHeader("Retry-After", "1").build());
    server.enqueue(success(mode));

    long start = System.nanoTime();
    assertEquals("Hello world", text(model(b -> b.retry(FAST_RETRIES)), mode));

    assertWaitedAtLeast(start, Duration.ofSeconds(1));
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void rateLimitWithRetryAfterHttpDate(Mode mode) {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    String inOneSecond = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(1).atOffset(ZoneOffset.UTC));
    server.enqueue(rateLimited().setHeader("Retry-After", inOneSecond).build());
    server.enqueue(success(mode));

    long start = System.nanoTime();
    assertEquals("Hello world", text(model(b -> b.retry(FAST_RETRIES).clock(Clock.fixed(now, ZoneOffset.UTC))), mode));

    assertWaitedAtLeast(start, Duration.ofSeconds(1));
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void rateLimitWithRetryAfterMs(Mode mode) {
    server.enqueue(rateLimited().setHeader("retry-after-ms", "150").setHeader("Retry-After", "30").build());
    server.enqueue(success(mode));

    long start = System.nanoTime();
    assertEquals("Hello world", text(model(b -> b.retry(FAST_RETRIES)), mode));

    assertWaitedAtLeast(start, Duration.ofMillis(150));
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void rateLimitAskingForLongerThanTheMaximumFailsAtOnce(Mode mode) {
    server.enqueue(rateLimited().setHeader("Retry-After", "120").build());
    server.enqueue(success(mode));

    RateLimitException e = failure(RateLimitException.class, model(b -> b.retry(FAST_RETRIES)), mode);

    assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void serviceUnavailableStormBeyondTheRetryBudget(Mode mode) {
    int maxRetries = 3;
    for (int i = 0; i < maxRetries + 3; i++) {
      server.enqueue(fixtures.error(503, "overloaded, attempt " + (i + 1)));
    }

    ServerException e = failure(ServerException.class, model(b -> b.retry(FAST_RETRIES.withMaxRetries(maxRetries))), mode);

    assertEquals(503, e.httpStatus());
    assertEquals(maxRetries + 1, server.getRequestCount(), "one request and exactly maxRetries retries");
    assertTrue(e.getMessage().contains("attempt " + (maxRetries + 1)), () -> "the last failure is reported: " + e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void keyEchoedWhereANumberBelongsIsInNoMessageOrCause(Mode mode) {
    // Jackson quotes the offending value in full in its own message; it must not survive as our cause.
    String body = Faults.text(success(mode)).replaceAll("([:\\[,])-?\\d+(\\.\\d+)?", "$1\"Bearer " + API_KEY + "\"");
    server.enqueue(Faults.withBody(success(mode), body));

    MalformedResponseException e = failure(MalformedResponseException.class, model(b -> {}), mode);

    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(API_KEY), trace::toString);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void errorEchoingTheCredentialIsRedacted(Mode mode) {
    // OpenAI's 401 quotes the key it was sent; so do debugging proxies, whatever the scheme.
    server.enqueue(fixtures.error(401, "Incorrect API key provided: " + scheme().prefix() + API_KEY));

    NextTokenException e = failure(AuthenticationException.class, model(b -> {}), mode);

    assertKeyAbsent(e);
    assertTrue(e.getMessage().contains("Incorrect API key provided"), e::getMessage);
  }

  @Test
  void errorEventEchoingTheCredentialIsRedacted() {
    String error = "data: {\"error\":{\"message\":\"token " + API_KEY + " was revoked\",\"type\":\"server_error\"}}\n\n";
    server.enqueue(Faults.withBody(streamed(), Faults.throughFirstToken(streamed()) + error));

    StreamErrorException e = failure(StreamErrorException.class, model(b -> {}), Mode.STREAMING);

    assertKeyAbsent(e);
    assertTrue(e.getMessage().contains("was revoked"), e::getMessage);
  }

  // ---- hostile input ---------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  @Timeout(600) // nothing here touches the network; the bound only has to fit -Pfuzz's 20,000 cases
  void fuzzedResponsesRaiseOnlyTypedExceptions(Mode mode) {
    String json = Faults.text(answer());
    String sse = Faults.text(streamed());
    String head = Faults.throughFirstToken(streamed());
    // One variant carries the key, as a proxy echoing the request might: no parse failure may quote it.
    String echo = "{\"echo\":\"Bearer " + API_KEY + "\",";
    List<byte[]> corpus = mode == Mode.STREAMING
        ? List.of(sse.getBytes(StandardCharsets.UTF_8), sseEventsOf(sse).getBytes(StandardCharsets.UTF_8),
            sse.replace("data: {", "data: " + echo).getBytes(StandardCharsets.UTF_8))
        : List.of(json.getBytes(StandardCharsets.UTF_8), json.replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement(echo))
            .getBytes(StandardCharsets.UTF_8));
    Fuzzer fuzzer = new Fuzzer(Fuzzer.seed() + mode.ordinal(), corpus);
    AtomicReference<byte[]> body = new AtomicReference<>();
    String contentType = mode == Mode.STREAMING ? "text/event-stream" : "application/json";
    OkHttpClient canned = caller.newBuilder().addInterceptor(chain -> new Response.Builder().request(chain.request())
        .protocol(Protocol.HTTP_1_1).code(200).message("OK").header("Content-Type", contentType)
        .body(ResponseBody.create(body.get(), MediaType.get(contentType))).build()).build();
    // Never contacted: the interceptor answers every call.
    LanguageModel m = model("http://127.0.0.1:9/", b -> b.httpClient(canned).retry(RetrySettings.NONE));
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int cases = Fuzzer.cases();
    int typed = 0;
    for (int i = 0; i < cases; i++) {
      byte[] input = mode == Mode.STREAMING && i % 2 == 1
          ? concat(head, fuzzer.next(doc -> doc), "\n\ndata: [DONE]\n\n", "data: ")
          : fuzzer.next(doc -> mode == Mode.STREAMING ? "data: " + doc + "\n\n" : doc);
      body.set(input);
      long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      try {
        run(m, mode);
      } catch (NextTokenException expected) {
        PRODUCED.add(expected);
        typed++;
      } catch (Throwable escaped) {
        fail("case " + i + " (seed " + Fuzzer.seed() + ", " + mode + ") let " + escaped + " escape for input: " + excerpt(input), escaped);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
      int caseIndex = i;
      assertTrue(allocated < MAX_CASE_ALLOCATION, () -> "case " + caseIndex + " allocated " + (allocated >> 20) + " MiB for "
          + input.length + " bytes of input: " + excerpt(input));
    }
    assertTrue(typed > cases / 2, "most hostile inputs are rejected, and with a typed exception: " + typed + " of " + cases);
  }

  // ---- transport security ----------------------------------------------------------------------

  @Test
  void keyOverPlainHttpToAnotherHostIsRefusedUnlessAllowed() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> newModel("http://models.example/", keyed(b -> {})).close());
    assertTrue(refused.getMessage().contains("plain http") && refused.getMessage().contains("models.example"), refused::getMessage);
    assertFalse(refused.getMessage().contains(API_KEY), refused::getMessage);

    // Explicitly allowed, over https, or to this machine: built (nothing is sent).
    newModel("http://models.example/", keyed(b -> b.allowInsecureHttp(true))).close();
    newModel("https://models.example/", keyed(b -> {})).close();
    newModel("http://127.0.0.1:9/", keyed(b -> {})).close();
    newModel("http://localhost:9/", keyed(b -> {})).close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void credentialIsSentWhereTheSchemeSaysAndNowhereElse(Mode mode) throws InterruptedException {
    server.enqueue(success(mode));
    server.enqueue(success(mode));
    LanguageModel m = model(b -> {});

    run(m, mode);
    run(m, mode);

    for (int i = 0; i < 2; i++) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertNotNull(request, "request " + (i + 1) + " arrived");
      scheme().assertSentOnlyWhereItBelongs(request, API_KEY);
    }
  }

  // ---- request validation ----------------------------------------------------------------------

  /**
   * Out-of-range values fail before anything is sent, naming the field and the allowed range: a
   * table built from the provider's own capabilities, so each provider is held to its limits. Every
   * finite bound a provider declares is probed at the bound when it is open and just past it when
   * it is closed; a parameter it does not accept, more alternatives or stop sequences than it
   * allows, and logprobs or echo where it cannot give them are refused too.
   */
  @TestFactory
  Stream<DynamicTest> invalidRequestsFailBeforeSending() {
    LanguageModel m = model(b -> {});
    OperationCapabilities op = m.capabilities().of(fixtures.operation());
    List<InvalidCase> cases = new ArrayList<>(List.of(
        new InvalidCase("negative maxTokens", o -> o.maxTokens(-3), "maxTokens", "positive"),
        new InvalidCase("zero maxTokens", o -> o.maxTokens(0), "maxTokens", "positive"),
        new InvalidCase("negative temperature", o -> o.temperature(-0.5), "temperature", ">= 0"),
        new InvalidCase("NaN temperature", o -> o.temperature(Double.NaN), "temperature", ">= 0"),
        new InvalidCase("zero topP", o -> o.topP(0.0), "topP", "(0, 1]"),
        new InvalidCase("topP above 1", o -> o.topP(1.5), "topP", "(0, 1]"),
        new InvalidCase("negative topK", o -> o.topK(-1), "topK", ">= 0"),
        new InvalidCase("negative topLogprobs", o -> o.topLogprobs(-1), "topLogprobs", ">= 0"),
        new InvalidCase("blank model", o -> o.model("  "), "model", "blank"),
        new InvalidCase("empty stop sequence", o -> o.stop(""), "stop", "non-empty")));
    for (Parameter p : Parameter.values()) {
      cases.addAll(p.pastTheBounds(op.limits()));
    }
    if (!op.unlimitedTopLogprobs()) {
      int tooMany = op.maxTopLogprobs() + 1;
      cases.add(new InvalidCase("topLogprobs above " + op.maxTopLogprobs(), o -> o.topLogprobs(tooMany), "topLogprobs",
          op.maxTopLogprobs() == 0 ? "must be 0" : "at most " + op.maxTopLogprobs()));
    }
    ParameterLimits limits = op.limits();
    if (limits.maxStopSequences() < Integer.MAX_VALUE) {
      String[] stops = java.util.stream.IntStream.rangeClosed(0, limits.maxStopSequences()).mapToObj(i -> "stop" + i).toArray(String[]::new);
      cases.add(new InvalidCase((limits.maxStopSequences() + 1) + " stop sequences", o -> o.stop(stops), "stop sequences",
          "at most " + limits.maxStopSequences()));
    }
    if (op.logprobs() && !op.logprobsInStream()) {
      cases.add(new InvalidCase("logprobs while streaming", o -> o.topLogprobs(0), "logprobs", "while streaming", false, Set.of(Mode.STREAMING)));
    }
    if (fixtures.operation() == Operation.COMPLETION && !op.promptLogprobs()) {
      cases.add(new InvalidCase("echo, which is not offered", o -> {}, "echo", "prompt's logprobs", true, Set.of(Mode.values())));
    } else if (fixtures.operation() == Operation.COMPLETION && !op.promptLogprobsInStream()) {
      cases.add(new InvalidCase("echo while streaming", o -> {}, "echo", "only without streaming", true, Set.of(Mode.STREAMING)));
    }
    if (fixtures.operation() == Operation.CHAT) {
      cases.add(new InvalidCase("empty messages", null, "messages", "at least one"));
    }
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      for (Mode mode : c.modes()) {
        server.enqueue(success(mode)); // a request that got through would succeed, failing the test
        RuntimeException e = assertThrows(RuntimeException.class, () -> runInvalid(m, mode, c), () -> c.name() + " was sent (" + mode + ")");
        assertTrue(e instanceof IllegalArgumentException || e instanceof RequestValidationException,
            () -> "a validation failure, not a provider's answer: " + e);
        assertTrue(e.getMessage().contains(c.field()) && e.getMessage().contains(c.range()),
            () -> "the message names the field '" + c.field() + "' and the range '" + c.range() + "': " + e.getMessage());
        if (e instanceof RequestValidationException v) {
          assertTrue(v.field() == null || c.field().startsWith(v.field()) || v.field().startsWith(c.field()),
              () -> "the exception names the field '" + c.field() + "', was " + v.field());
          assertEquals(0, v.httpStatus());
        }
        if (e instanceof NextTokenException n) {
          PRODUCED.add(n);
        }
      }
      assertEquals(0, server.getRequestCount(), "nothing reached the server");
    }));
  }

  /**
   * The other side of each declared bound: a closed bound itself is accepted and sent, so the
   * limits are not tighter than the provider's documentation.
   */
  @TestFactory
  Stream<DynamicTest> valuesAtClosedBoundsAreSent() {
    LanguageModel m = model(b -> {});
    ParameterLimits limits = m.capabilities().of(fixtures.operation()).limits();
    List<InvalidCase> cases = new ArrayList<>();
    for (Parameter p : Parameter.values()) {
      cases.addAll(p.atTheBounds(limits));
    }
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      // One server for the whole factory: count from where this case starts.
      int sent = server.getRequestCount();
      for (Mode mode : Mode.values()) {
        server.enqueue(success(mode));
        assertEquals("Hello world", text(m, mode, c.spoil()), () -> c.name() + " (" + mode + ")");
        assertEquals(++sent, server.getRequestCount(), "the request was sent");
      }
    }));
  }

  /** One numeric option, how to set it, and whether the neutral types already refuse a value. */
  private enum Parameter {
    TEMPERATURE("temperature", ParameterLimits::temperature, (o, v) -> o.temperature(v)),
    TOP_P("topP", ParameterLimits::topP, (o, v) -> o.topP(v)),
    TOP_K("topK", ParameterLimits::topK, (o, v) -> o.topK((int) v)),
    SEED("seed", ParameterLimits::seed, (o, v) -> o.seed((long) v)),
    MAX_TOKENS("maxTokens", ParameterLimits::maxTokens, (o, v) -> o.maxTokens((int) v));

    private final String field;
    private final java.util.function.Function<ParameterLimits, Range> range;
    private final java.util.function.ObjDoubleConsumer<OptionsBuilder<?>> setter;

    Parameter(String field, java.util.function.Function<ParameterLimits, Range> range, java.util.function.ObjDoubleConsumer<OptionsBuilder<?>> setter) {
      this.field = field;
      this.range = range;
      this.setter = setter;
    }

    /** A value at an open bound or just past a closed one, for each finite bound; or any value if none is accepted. */
    List<InvalidCase> pastTheBounds(ParameterLimits limits) {
      Range r = range.apply(limits);
      if (!r.acceptsAny()) {
        return List.of(new InvalidCase(field + ", which is not accepted", o -> setter.accept(o, 1), field, "does not accept"));
      }
      List<InvalidCase> cases = new ArrayList<>();
      if (Double.isFinite(r.min())) {
        double v = r.minInclusive() ? (r.integral() ? r.min() - 1 : Math.nextDown(r.min())) : r.min();
        add(cases, field + " " + v + " below " + r.describe(), v, r.describe(), false);
      }
      if (Double.isFinite(r.max())) {
        double v = r.maxInclusive() ? (r.integral() ? r.max() + 1 : Math.nextUp(r.max())) : r.max();
        add(cases, field + " " + v + " above " + r.describe(), v, r.describe(), false);
      }
      return cases;
    }

    /** The value of each finite closed bound, which must be accepted. */
    List<InvalidCase> atTheBounds(ParameterLimits limits) {
      Range r = range.apply(limits);
      List<InvalidCase> cases = new ArrayList<>();
      if (r.acceptsAny() && Double.isFinite(r.min()) && r.minInclusive()) {
        add(cases, field + " at " + r.min(), r.min(), r.describe(), true);
      }
      if (r.acceptsAny() && Double.isFinite(r.max()) && r.maxInclusive()) {
        add(cases, field + " at " + r.max(), r.max(), r.describe(), true);
      }
      return cases;
    }

    /** Adds the case unless the neutral types refuse the value themselves (a neutral case covers that). */
    private void add(List<InvalidCase> cases, String name, double value, String described, boolean accepted) {
      Consumer<OptionsBuilder<?>> spoil = o -> setter.accept(o, value);
      try {
        GenerationOptions.Builder probe = GenerationOptions.builder();
        spoil.accept(probe);
        probe.build();
      } catch (IllegalArgumentException neutral) {
        assertFalse(accepted, () -> name + " is declared accepted but the neutral types refuse it");
        return;
      }
      cases.add(new InvalidCase(name, spoil, field, described));
    }
  }

  /**
   * One out-of-range request: a name, how to spoil the options (null: spoil the messages), what the
   * message must name, whether it asks for echo, and in which modes it is refused.
   */
  record InvalidCase(String name, Consumer<OptionsBuilder<?>> spoil, String field, String range, boolean echo, Set<Mode> modes) {
    InvalidCase(String name, Consumer<OptionsBuilder<?>> spoil, String field, String range) {
      this(name, spoil, field, range, false, Set.of(Mode.values()));
    }
  }

  private void runInvalid(LanguageModel m, Mode mode, InvalidCase c) {
    Completion ignored;
    if (fixtures.operation() == Operation.COMPLETION) {
      CompletionRequest.Builder b = CompletionRequest.builder("Say hello").maxTokens(2).echoPrompt(c.echo());
      c.spoil().accept(b);
      CompletionRequest request = b.build();
      ignored = mode == Mode.STREAMING ? collectClosing(m.completeStreaming(request)) : m.complete(request);
    } else {
      ChatRequest.Builder b = ChatRequest.builder().maxTokens(2);
      if (c.spoil() != null) {
        b.user("Say hello");
        c.spoil().accept(b);
      }
      ChatRequest request = b.build();
      ignored = mode == Mode.STREAMING ? collectClosing(m.chatStreaming(request)) : m.chat(request);
    }
    fail("accepted: " + ignored);
  }

  private static Completion collectClosing(CompletionStream stream) {
    try (stream) {
      return stream.collect();
    }
  }

  // ---- threads ---------------------------------------------------------------------------------

  @Test
  void noThreadTheSdkCreatedOutlivesClose() throws Exception {
    Set<Thread> before = sdkThreads();
    server.enqueue(streamed());
    server.enqueue(Faults.cutAfter(streamed(), Faults.throughFirstToken(streamed())));
    server.enqueue(ScriptedBody.thenStall(streamed(), Faults.throughFirstToken(streamed()), release));
    // The SDK's own client this time: its threads are the ones that must end.
    LanguageModel own = newModel(server.url("/").toString(), keyed(b -> b.timeouts(SHORT).retry(RetrySettings.NONE)));
    models.add(own);

    // The threads that handed over chunks: virtual ones on Java 21+, which no thread listing shows.
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<Completion>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(streamAsync(own, chunk -> ran.add(Thread.currentThread())));
    }
    int failed = 0;
    for (CompletableFuture<Completion> call : calls) {
      try {
        assertEquals("Hello world", call.get(20, TimeUnit.SECONDS).text());
      } catch (ExecutionException e) {
        assertTrue(e.getCause() instanceof NextTokenException, () -> "typed failure: " + e.getCause());
        PRODUCED.add(e.getCause());
        failed++;
      }
    }
    assertEquals(2, failed, "the cut and the stalled stream fail; the whole one succeeds");
    assertFalse(ran.isEmpty(), "chunks were handed over");
    assertTrue(ran.stream().allMatch(t -> t.getName().startsWith(THREAD_PREFIX)), () -> "the async calls ran on the SDK's threads: " + ran);

    own.close();

    awaitTrue(() -> sdkThreadsExcept(before).isEmpty() && ran.stream().noneMatch(Thread::isAlive),
        () -> "still running after close(): " + sdkThreadsExcept(before) + " " + ran.stream().filter(Thread::isAlive).toList());
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A model to the mock server through the caller's client, with the key, short timeouts and {@code extra} settings. */
  protected LanguageModel model(Consumer<ModelBuilder<?>> extra) {
    return model(server.url("/").toString(), extra);
  }

  private LanguageModel model(String baseUrl, Consumer<ModelBuilder<?>> extra) {
    LanguageModel m = newModel(baseUrl, keyed(b -> {
      b.httpClient(caller).timeouts(SHORT).retry(RetrySettings.NONE);
      extra.accept(b);
    }));
    models.add(m);
    return m;
  }

  private MockResponse answer() {
    return fixtures.answer();
  }

  private MockResponse streamed() {
    return fixtures.streamedAnswer();
  }

  private MockResponse success(Mode mode) {
    return mode == Mode.STREAMING ? streamed() : answer();
  }

  private MockResponse.Builder rateLimited() {
    return fixtures.error(429, "rate limit reached").newBuilder();
  }

  private boolean completion() {
    return fixtures.operation() == Operation.COMPLETION;
  }

  private CompletionRequest completionRequest() {
    return CompletionRequest.builder("Say hello").maxTokens(2).topLogprobs(fixtures.topLogprobsForContract()).build();
  }

  private ChatRequest chatRequest() {
    return ChatRequest.builder().user("Say hello").maxTokens(2).topLogprobs(fixtures.topLogprobsForContract()).build();
  }

  private CompletionStream openStream(LanguageModel m) {
    lastStream = completion() ? m.completeStreaming(completionRequest()) : m.chatStreaming(chatRequest());
    return lastStream;
  }

  private CompletableFuture<Completion> streamAsync(LanguageModel m, Consumer<Chunk> onChunk) {
    return completion() ? m.completeStreamingAsync(completionRequest(), onChunk) : m.chatStreamingAsync(chatRequest(), onChunk);
  }

  private Completion collect(LanguageModel m) {
    try (CompletionStream stream = openStream(m)) {
      return stream.collect();
    }
  }

  private Completion run(LanguageModel m, Mode mode) {
    if (mode == Mode.STREAMING) {
      return collect(m);
    }
    return completion() ? m.complete(completionRequest()) : m.chat(chatRequest());
  }

  private String text(LanguageModel m, Mode mode) {
    return run(m, mode).text();
  }

  /** The suite's usual request with {@code setting} applied on top. */
  private String text(LanguageModel m, Mode mode, Consumer<OptionsBuilder<?>> setting) {
    if (completion()) {
      CompletionRequest.Builder b = CompletionRequest.builder("Say hello").maxTokens(2).topLogprobs(fixtures.topLogprobsForContract());
      setting.accept(b);
      return (mode == Mode.STREAMING ? collectClosing(m.completeStreaming(b.build())) : m.complete(b.build())).text();
    }
    ChatRequest.Builder b = ChatRequest.builder().user("Say hello").maxTokens(2).topLogprobs(fixtures.topLogprobsForContract());
    setting.accept(b);
    return (mode == Mode.STREAMING ? collectClosing(m.chatStreaming(b.build())) : m.chat(b.build())).text();
  }

  /** Runs the call, expecting exactly {@code type}; records the exception for the key scan. */
  private <E extends NextTokenException> E failure(Class<E> type, LanguageModel m, Mode mode) {
    NextTokenException e = assertThrows(NextTokenException.class, () -> run(m, mode), "a typed exception");
    PRODUCED.add(e);
    if (!type.isInstance(e)) {
      fail("expected " + type.getSimpleName() + " but got " + e, e);
    }
    assertEquals(m.provider(), e.provider(), "the exception names the provider");
    return type.cast(e);
  }

  /** For a stream: what arrived before the failure is still there. */
  private void assertPartial(Mode mode, String expected) {
    if (mode == Mode.STREAMING) {
      assertNotNull(lastStream, "the stream opened before failing");
      assertEquals(expected, lastStream.partial().text(), "the tokens delivered before the failure");
    }
  }

  private static void assertWaitedAtLeast(long startNanos, Duration wait) {
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    assertTrue(took.compareTo(wait.minusMillis(20)) >= 0, () -> "retried after " + took + ", before the requested " + wait);
  }

  /** Fails if the key shows in the exception's text, its details, or anything it wraps or suppressed. */
  private static void assertKeyAbsent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Throwable current = t;
      assertFalse(String.valueOf(t.getMessage()).contains(API_KEY), () -> "key in message: " + current);
      assertFalse(t.toString().contains(API_KEY), () -> "key in toString: " + current);
      if (t instanceof NextTokenException n) {
        assertFalse(n.details().toString().contains(API_KEY), () -> "key in details: " + n.details());
      }
      for (Throwable s : t.getSuppressed()) {
        assertKeyAbsent(s);
      }
    }
  }

  /** The stream's data lines alone, so mutations hit the JSON more often than the framing. */
  private static String sseEventsOf(String sse) {
    return sse.lines().filter(line -> line.startsWith("data: {")).map(line -> line.substring(6)).collect(Collectors.joining("\n"));
  }

  private static byte[] concat(String head, byte[] middle, String tail, String beforeMiddle) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes((head + beforeMiddle).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static String excerpt(byte[] input) {
    String text = new String(input, 0, Math.min(input.length, 300), StandardCharsets.ISO_8859_1);
    return "[" + input.length + " bytes] " + text;
  }

  private static Set<Thread> sdkThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(THREAD_PREFIX) && t.isAlive())
        .collect(Collectors.toSet());
  }

  private static Set<Thread> sdkThreadsExcept(Set<Thread> before) {
    Set<Thread> now = sdkThreads();
    now.removeAll(before);
    return now;
  }

  /** Waits up to 10 s for {@code condition}: resources are released on other threads, a little later. */
  static void awaitTrue(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> message)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail(message.get());
      }
      Thread.sleep(10);
    }
  }
}
