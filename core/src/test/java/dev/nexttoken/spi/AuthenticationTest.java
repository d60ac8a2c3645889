package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nexttoken.Authentication;
import dev.nexttoken.Authentication.Token;
import dev.nexttoken.contract.FakeProviderFixtures;
import dev.nexttoken.contract.FakeProviderModel;
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.NextTokenException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each scheme puts on the wire, how a token provider is asked (cached until shortly before
 * expiry, one refresh at a time, failures typed), and that every token it issued stays secret.
 * Where the credential goes under fault is the fault suite's ({@code FakeProvider*FaultTest}).
 */
class AuthenticationTest {
  private static final String KEY = TestTransports.KEY;
  /** What a request may carry besides a credential. */
  private static final Set<String> ORDINARY_HEADERS =
      Set.of("host", "user-agent", "accept", "content-type", "content-length", "connection", "accept-encoding");

  private MockWebServer server;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    server.close();
  }

  // ---- what is sent ------------------------------------------------------------------------------

  @Test
  void noneSendsNoCredentialAtAll() throws InterruptedException {
    server.enqueue(FakeProviderFixtures.answer());
    server.enqueue(FakeProviderFixtures.answer());
    FakeProviderModel explicit = track(TestTransports.model(server).authentication(Authentication.none()).build());
    FakeProviderModel unset = track(FakeProviderModel.builder().baseUrl(server.url("/v1/").toString()).model("m").build());

    explicit.complete("Say hello");
    unset.complete("Say hello");

    for (int i = 0; i < 2; i++) {
      RecordedRequest request = take();
      assertNull(request.getHeaders().get("Authorization"));
      for (String name : request.getHeaders().names()) {
        assertTrue(ORDINARY_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)), () -> "unexpected header " + name);
      }
    }
  }

  @Test
  void aProviderChoosesTheHeaderItsApiKeyGoesIn() throws InterruptedException {
    server.enqueue(TestTransports.ok());
    HttpTransport transport = track(new HeaderKeyBuilder().apiKey(KEY).build(server));

    transport.postJson("chat", Map.of());

    RecordedRequest request = take();
    assertEquals(KEY, request.getHeaders().get("x-goog-api-key"));
    assertNull(request.getHeaders().get("Authorization"), "the key goes only where the provider says");
  }

  @Test
  void theLastOfApiKeyAndAuthenticationWins() throws InterruptedException {
    server.enqueue(TestTransports.ok());
    server.enqueue(TestTransports.ok());
    server.enqueue(TestTransports.ok());
    HttpTransport tokens = track(new HeaderKeyBuilder().apiKey(KEY).authentication(Authentication.bearerTokens(() -> new Token("tok-1"))).build(server));
    HttpTransport key = track(new HeaderKeyBuilder().authentication(Authentication.none()).apiKey(KEY).build(server));
    HttpTransport unset = track(new HeaderKeyBuilder().apiKey(KEY).apiKey(null).build(server));

    tokens.postJson("chat", Map.of());
    key.postJson("chat", Map.of());
    unset.postJson("chat", Map.of());

    RecordedRequest first = take();
    assertEquals("Bearer tok-1", first.getHeaders().get("Authorization"));
    assertNull(first.getHeaders().get("x-goog-api-key"));
    assertEquals(KEY, take().getHeaders().get("x-goog-api-key"));
    RecordedRequest third = take();
    assertNull(third.getHeaders().get("x-goog-api-key"));
    assertNull(third.getHeaders().get("Authorization"));
  }

  // ---- token providers ---------------------------------------------------------------------------

  @Test
  void aTokenIsReusedUntilShortlyBeforeItExpires() throws InterruptedException {
    AtomicInteger asked = new AtomicInteger();
    HttpTransport transport = transport(Authentication.bearerTokens(
        () -> new Token("tok-" + asked.incrementAndGet(), Instant.now().plus(Duration.ofHours(1)))));

    List<String> sent = sendAndRecord(transport, 3);

    assertEquals(List.of("Bearer tok-1", "Bearer tok-1", "Bearer tok-1"), sent);
    assertEquals(1, asked.get());
  }

  @Test
  void aTokenWithinTheRefreshMarginOfItsExpiryIsReplaced() throws InterruptedException {
    AtomicInteger asked = new AtomicInteger();
    Duration almostExpired = Authentication.REFRESH_MARGIN.dividedBy(2);
    HttpTransport transport = transport(Authentication.bearerTokens(
        () -> new Token("tok-" + asked.incrementAndGet(), Instant.now().plus(almostExpired))));

    assertEquals(List.of("Bearer tok-1", "Bearer tok-2"), sendAndRecord(transport, 2));
  }

  @Test
  void aTokenWithoutExpiryIsAskedForOnEveryRequest() throws InterruptedException {
    AtomicInteger asked = new AtomicInteger();
    HttpTransport transport = transport(Authentication.bearerTokens(() -> new Token("tok-" + asked.incrementAndGet())));

    assertEquals(List.of("Bearer tok-1", "Bearer tok-2", "Bearer tok-3"), sendAndRecord(transport, 3));
  }

  @Test
  void concurrentRequestsWaitForOneRefresh() throws Exception {
    int callers = 8;
    AtomicInteger asked = new AtomicInteger();
    CountDownLatch inProvider = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Authentication tokens = Authentication.bearerTokens(() -> {
      asked.incrementAndGet();
      inProvider.countDown();
      assertTrue(release.await(10, TimeUnit.SECONDS), "released");
      return new Token("tok-shared", Instant.now().plus(Duration.ofHours(1)));
    });
    List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(callers, r -> {
      Thread t = new Thread(r);
      threads.add(t);
      return t;
    });
    try {
      List<Future<String>> headers = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        headers.add(pool.submit(() -> headerFor(tokens)));
      }
      assertTrue(inProvider.await(10, TimeUnit.SECONDS), "one caller reached the provider");
      // Every other caller must be waiting for that refresh, not making its own: parked on the
      // refresh lock (WAITING), while the one in the provider waits on the latch with a timeout.
      awaitTrue(() -> threads.size() == callers && threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() == callers - 1);
      release.countDown();

      for (Future<String> header : headers) {
        assertEquals("Bearer tok-shared", header.get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, asked.get());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void everyTokenIssuedStaysSecret() throws InterruptedException {
    String first = "tok-FIRST-secret-1111";
    String second = "tok-SECOND-secret-2222";
    AtomicInteger asked = new AtomicInteger();
    HttpTransport transport = transport(Authentication.bearerTokens(() -> new Token(asked.incrementAndGet() == 1 ? first : second)));
    server.enqueue(TestTransports.ok());
    server.enqueue(TestTransports.openAiError(401, "invalid_request_error", "invalid_api_key",
        "token " + second + " rejected; the previous one, " + first + ", expired"));

    transport.postJson("chat", Map.of());
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> transport.postJson("chat", Map.of()));

    assertSecretsAbsent(e, first, second);
    assertTrue(e.getMessage().contains("rejected"), e::getMessage);
    assertFalse(transport.toString().contains(first) || transport.toString().contains(second), transport::toString);
  }

  static Stream<Arguments> failingProviders() {
    return Stream.of(
        Arguments.of("IOException", (Callable<Token>) () -> {
          throw new IOException("metadata server refused to refresh tok-ISSUED-secret-3333", new IOException("tok-ISSUED-secret-3333"));
        }),
        Arguments.of("RuntimeException", (Callable<Token>) () -> {
          throw new IllegalStateException("no credentials for tok-ISSUED-secret-3333");
        }),
        Arguments.of("a null token", (Callable<Token>) () -> null),
        Arguments.of("an unsendable token", (Callable<Token>) () -> new Token("tok-ISSUED-secret-3333\nInjected: yes")),
        Arguments.of("a NextTokenException", (Callable<Token>) () -> {
          throw new AuthenticationException("tok-ISSUED-secret-3333 is revoked", null);
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failingProviders")
  void aTokenProviderThatFailsIsATypedFailureAndNothingIsSent(String name, Callable<Token> failing) throws Exception {
    String issued = "tok-ISSUED-secret-3333";
    AtomicInteger asked = new AtomicInteger();
    HttpTransport transport = transport(Authentication.bearerTokens(() -> asked.incrementAndGet() == 1 ? new Token(issued) : failing.call()));
    server.enqueue(TestTransports.ok());
    transport.postJson("chat", Map.of());

    NextTokenException e = assertThrows(NextTokenException.class, () -> transport.postJson("chat", Map.of()));

    assertTrue(e instanceof AuthenticationException, () -> "an AuthenticationException: " + e);
    assertEquals("fake", e.provider());
    assertEquals(0, e.httpStatus());
    assertFalse(e.isRetryable());
    assertTrue(e.getMessage().contains("token provider"), e::getMessage);
    assertSecretsAbsent(e, issued);
    assertEquals(1, server.getRequestCount(), "nothing was sent without a token");
  }

  @Test
  void anInterruptedTokenProviderKeepsTheInterrupt() {
    HttpTransport transport = transport(Authentication.bearerTokens(() -> {
      throw new InterruptedException("interrupted while refreshing");
    }));

    try {
      assertThrows(AuthenticationException.class, () -> transport.postJson("chat", Map.of()));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is restored");
    } finally {
      Thread.interrupted();
    }
  }

  // ---- what is refused before anything is sent --------------------------------------------------

  @Test
  void keysThatCannotBeSentAreRefusedWithoutRepeatingThem() {
    String bad = KEY + "\r\nX-Injected: yes";
    for (Runnable r : List.<Runnable>of(
        () -> Authentication.bearer(bad),
        () -> Authentication.header("api-key", bad),
        () -> Authentication.bearer("   "),
        () -> new Token(bad),
        () -> FakeProviderModel.builder().apiKey(bad))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
      assertFalse(e.getMessage().contains(KEY), e::getMessage);
    }
    assertThrows(IllegalArgumentException.class, () -> Authentication.header("api key", KEY));
    assertThrows(IllegalArgumentException.class, () -> Authentication.header("api-key:", KEY));
    assertThrows(NullPointerException.class, () -> Authentication.bearerTokens(null));
  }

  @Test
  void noToStringShowsASecret() {
    for (Object o : List.of(Authentication.bearer(KEY), Authentication.header("api-key", KEY), Authentication.none(),
        Authentication.bearerTokens(() -> new Token(KEY)), new Token(KEY, Instant.EPOCH), new Token(KEY))) {
      assertFalse(o.toString().contains(KEY), o::toString);
    }
    assertEquals("Authentication[header api-key: ***]", Authentication.header("api-key", KEY).toString());
    assertFalse(Authentication.none().sendsCredential());
    assertTrue(Authentication.bearerTokens(() -> new Token(KEY)).sendsCredential());
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** A provider builder whose API key goes in {@code x-goog-api-key}, as Gemini's would. */
  private static final class HeaderKeyBuilder extends ModelBuilder<HeaderKeyBuilder> {
    @Override
    protected Authentication apiKeyAuthentication(String key) {
      return Authentication.header("x-goog-api-key", key);
    }

    HttpTransport build(MockWebServer server) {
      return baseUrl(server.url("/v1/").toString()).retry(dev.nexttoken.RetrySettings.NONE).transport("headerkey", "https://unused.invalid/").build();
    }
  }

  private HttpTransport transport(Authentication authentication) {
    return track(TestTransports.transport(server).authentication(authentication).build());
  }

  /** Sends {@code count} requests and returns the Authorization header of each. */
  private List<String> sendAndRecord(HttpTransport transport, int count) throws InterruptedException {
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      server.enqueue(TestTransports.ok());
      transport.postJson("chat", Map.of());
      sent.add(take().getHeaders().get("Authorization"));
    }
    return sent;
  }

  private static String headerFor(Authentication authentication) throws Exception {
    StringBuilder value = new StringBuilder();
    authentication.authenticate((name, v, secret) -> value.append(v));
    return value.toString();
  }

  private <T extends AutoCloseable> T track(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      fail("no request arrived");
    }
    return request;
  }

  private static void assertSecretsAbsent(Throwable e, String... secrets) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    for (String secret : secrets) {
      assertFalse(trace.toString().contains(secret), trace::toString);
      if (e instanceof NextTokenException n) {
        assertFalse(n.details().toString().contains(secret), () -> n.details().toString());
      }
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting");
      }
      Thread.sleep(5);
    }
  }
}
