package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Authentication;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.RequestListener;
import dev.nexttoken.contract.CredentialScheme;
import dev.nexttoken.contract.FakeProviderFixtures;
import dev.nexttoken.contract.FakeProviderModel;
import dev.nexttoken.error.ConnectionException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request log (logger {@code dev.nexttoken.http}) and the {@link RequestListener}: off by
 * default; at debug one line per attempt, retries numbered, with status, time and headers; at
 * trace the bodies, cut; and never the key, whatever header carries it.
 */
class RequestLoggingTest {
  private static final String KEY = TestTransports.KEY;

  private MockWebServer server;
  private FakeProviderModel model;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    if (model != null) {
      model.close();
    }
    server.close();
  }

  @Test
  void nothingIsLoggedUnlessTheLoggerIsAtDebug() {
    server.enqueue(FakeProviderFixtures.answer());
    model = TestTransports.model(server).build();
    try (CapturedLog log = new CapturedLog(Level.INFO)) {
      model.complete("Say hello");

      assertEquals(List.of(), log.lines());
    }
  }

  @Test
  void debugShowsEachAttemptNumberedWithStatusTimeAndHeadersButNoBody() {
    server.enqueue(FakeProviderFixtures.error(503, "busy"));
    server.enqueue(FakeProviderFixtures.answer());
    model = TestTransports.model(server).retry(TestTransports.FAST_RETRIES).build();
    try (CapturedLog log = new CapturedLog(Level.FINE)) {
      model.complete("Say hello");

      List<String> lines = log.lines();
      String url = server.url("/v1/").toString();
      assertEquals(4, lines.size(), () -> String.join("\n", lines));
      assertTrue(lines.get(0).startsWith("fake --> POST " + url), lines.get(0));
      assertTrue(lines.get(0).contains(" attempt 1 [") && lines.get(0).contains("Authorization: ***"), lines.get(0));
      assertTrue(lines.get(1).matches("fake <-- 503 POST \\S+ attempt 1 in \\d+ ms \\[.*"), lines.get(1));
      assertTrue(lines.get(2).contains(" attempt 2 ["), lines.get(2));
      assertTrue(lines.get(3).matches("fake <-- 200 POST \\S+ attempt 2 in \\d+ ms \\[.*x-request-id: req-fake-1.*"), lines.get(3));
      assertKeyAbsent(lines);
    }
  }

  static Stream<CredentialScheme> schemes() {
    return Stream.concat(CredentialScheme.all().stream(),
        // A header whose name says nothing: redacted because the authentication put it there.
        Stream.of(new CredentialScheme("plain-named header", "X-Client", "", (b, secret) -> b.authentication(Authentication.header("X-Client", secret)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void theCredentialHeaderIsRedactedWhateverItsName(CredentialScheme scheme) {
    server.enqueue(FakeProviderFixtures.answer());
    FakeProviderModel.Builder builder = TestTransports.model(server);
    scheme.apply(builder, KEY);
    model = builder.build();
    try (CapturedLog log = new CapturedLog(Level.FINEST)) {
      model.complete("Say hello");

      String sent = log.lines().get(0);
      assertTrue(sent.contains(scheme.header() + ": ***"), sent);
      assertKeyAbsent(log.lines());
    }
  }

  @Test
  void aKeyInAnyOtherHeaderAndAnEchoInTheBodyAreCutOut() throws IOException {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").setHeader("X-Echo", "you sent " + KEY)
        .body("{\"echo\":\"Bearer " + KEY + "\"}").build());
    try (HttpTransport transport = TestTransports.transport(server).header("X-Forwarded-Secretless", KEY).build();
        CapturedLog log = new CapturedLog(Level.FINEST)) {
      transport.postJson("echo", java.util.Map.of("say", "hi"));

      String all = String.join("\n", log.lines());
      assertTrue(all.contains("X-Forwarded-Secretless: ***"), all);
      assertTrue(all.contains("X-Echo: ***"), all);
      assertTrue(all.contains("{\"echo\":\"Bearer ***\"}"), all);
      assertKeyAbsent(log.lines());
    }
  }

  @Test
  void traceShowsTheBodiesCutToTheirLimit() {
    String longText = "x".repeat(10_000);
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .body("{\"text\":\"" + longText + "\"}").build());
    try (HttpTransport transport = TestTransports.transport(server).build(); CapturedLog log = new CapturedLog(Level.FINEST)) {
      transport.postJson("echo", java.util.Map.of("prompt", "Say hello"));

      List<String> bodies = log.lines().stream().filter(l -> l.contains(" body (")).toList();
      assertEquals(2, bodies.size(), () -> String.join("\n", log.lines()));
      assertEquals("fake --> body (22 bytes): {\"prompt\":\"Say hello\"}", bodies.get(0));
      assertTrue(bodies.get(1).startsWith("fake <-- body (10011 bytes): {\"text\":\"xxx"), bodies.get(1));
      assertTrue(bodies.get(1).endsWith("... (cut at 4096 characters)"), bodies.get(1).substring(bodies.get(1).length() - 60));
      assertTrue(bodies.get(1).length() < 4096 + 100, "cut: " + bodies.get(1).length());
    }
  }

  @Test
  void aStreamedBodyIsNotReadByTheLogAndStillArrivesWhole() {
    server.enqueue(FakeProviderFixtures.streamedAnswer());
    model = TestTransports.model(server).build();
    try (CapturedLog log = new CapturedLog(Level.FINEST);
        CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"))) {
      assertEquals("Hello world", stream.collect().text());

      assertTrue(log.lines().contains("fake <-- body (a text/event-stream stream: not logged)"), () -> String.join("\n", log.lines()));
    }
  }

  @Test
  void theListenerHearsEveryAttemptOnTheCallingThread() {
    server.enqueue(FakeProviderFixtures.error(503, "busy " + KEY));
    server.enqueue(FakeProviderFixtures.answer());
    List<RequestListener.Attempt> attempts = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    model = TestTransports.model(server).retry(TestTransports.FAST_RETRIES).requestListener(a -> {
      attempts.add(a);
      threads.add(Thread.currentThread());
    }).build();

    model.complete("Say hello");

    assertEquals(List.of(1, 2), attempts.stream().map(RequestListener.Attempt::number).toList());
    assertEquals(List.of(503, 200), attempts.stream().map(RequestListener.Attempt::status).toList());
    assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), threads);
    for (RequestListener.Attempt a : attempts) {
      assertEquals("fake", a.provider());
      assertEquals("POST", a.method());
      assertTrue(a.url().startsWith(server.url("/v1/").toString()), a.url());
      assertNull(a.errorType());
      assertFalse(a.duration().isNegative());
    }
  }

  @Test
  void aFailedConnectionIsAnAttemptWithoutStatus() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    List<RequestListener.Attempt> attempts = new CopyOnWriteArrayList<>();
    model = FakeProviderModel.builder().baseUrl("http://127.0.0.1:" + closedPort + "/v1/").apiKey(KEY).model("m")
        .retry(TestTransports.FAST_RETRIES.withMaxRetries(1)).requestListener(attempts::add).build();

    assertThrows(ConnectionException.class, () -> model.complete("Say hello"));

    assertEquals(2, attempts.size());
    assertEquals(0, attempts.get(1).status());
    assertEquals("java.net.ConnectException", attempts.get(1).errorType());
  }

  @Test
  void aFailingListenerNeverBreaksTheCall() {
    server.enqueue(FakeProviderFixtures.answer());
    model = TestTransports.model(server).requestListener(a -> {
      throw new IllegalStateException("listener bug");
    }).build();

    assertEquals("Hello world", model.complete("Say hello").text());
  }

  private static void assertKeyAbsent(List<String> lines) {
    for (String line : lines) {
      assertFalse(line.contains(KEY), line);
      assertFalse(line.contains(KEY.substring(0, 12)), line);
    }
  }
}
