package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Timeouts;
import dev.nexttoken.contract.CredentialScheme;
import dev.nexttoken.contract.FakeProviderFixtures;
import dev.nexttoken.contract.FakeProviderModel;
import dev.nexttoken.error.NextTokenException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API key never shows in an exception's message, its details, its causes, or any toString,
 * even when the server echoes it back (as OpenAI's 401 and debugging proxies do); likewise for a key
 * in a named header and for a token provider's tokens (each case runs with every {@link CredentialScheme}).
 */
class SecretsTest {
  private static final String KEY = TestTransports.KEY;

  private MockWebServer server;
  private final List<FakeProviderModel> models = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    models.forEach(FakeProviderModel::close);
    server.close();
  }

  /** A model to the server, carrying {@link #KEY} the {@code scheme}'s way. */
  private FakeProviderModel model(CredentialScheme scheme) {
    FakeProviderModel.Builder builder = TestTransports.model(server).timeouts(Timeouts.of(Duration.ofMillis(300)));
    scheme.apply(builder, KEY);
    FakeProviderModel model = builder.build();
    models.add(model);
    return model;
  }

  static Stream<CredentialScheme> schemes() {
    return CredentialScheme.all().stream();
  }

  /** Each case once per scheme, the scheme first. */
  private static Stream<Arguments> perScheme(Stream<Arguments> cases) {
    List<Arguments> all = cases.toList();
    return schemes().flatMap(scheme -> all.stream().map(c -> Arguments.of(Stream.concat(Stream.of(scheme), Arrays.stream(c.get())).toArray())));
  }

  static Stream<Arguments> failures() {
    return perScheme(Stream.of(
        failure("401 echoing the key", openAi(401, "Incorrect API key provided: " + KEY)),
        failure("403 echoing the key", openAi(403, "Key " + KEY + " may not use this model")),
        failure("429 echoing the key", openAi(429, "Rate limit reached for " + KEY)),
        failure("500 echoing the key", openAi(500, "internal error for " + KEY)),
        failure("proxy page echoing the header", new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
            .body("<html><body><pre>Authorization: Bearer " + KEY + "</pre></body></html>").build()),
        failure("Cohere shape echoing the key", new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
            .body("{\"id\":\"c-1\",\"message\":\"invalid api token " + KEY + "\"}").build()),
        failure("malformed success body containing the key", new MockResponse.Builder().setHeader("Content-Type", "application/json")
            .body("{\"text\": " + KEY + "}").build()),
        failure("first-byte timeout", FakeProviderFixtures.answer().newBuilder().headersDelay(3, TimeUnit.SECONDS).build())));
  }

  static Stream<Arguments> streamFailures() {
    return perScheme(Stream.of(
        failure("stream error payload echoing the key", sse("data: {\"error\":{\"message\":\"bad key " + KEY + "\"}}\n\n")),
        failure("named error event echoing the key", sse("event: error\ndata: bad key " + KEY + "\n\n")),
        failure("malformed event containing the key", sse("data: {\"text\": " + KEY + "}\n\n")),
        failure("JSON instead of a stream, echoing the key", openAi(200, "key " + KEY)),
        failure("401 on a stream echoing the key", openAi(401, "Incorrect API key provided: " + KEY))));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("failures")
  void keyIsAbsentFromCallFailures(CredentialScheme scheme, String name, MockResponse response) {
    server.enqueue(response);
    FakeProviderModel model = model(scheme);

    NextTokenException e = assertThrows(NextTokenException.class, () -> model.complete("Say hello"));

    assertKeyAbsent(e);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("streamFailures")
  void keyIsAbsentFromStreamFailures(CredentialScheme scheme, String name, MockResponse response) {
    server.enqueue(response);
    FakeProviderModel model = model(scheme);

    NextTokenException e = assertThrows(NextTokenException.class, () -> {
      try (CompletionStream stream = model.completeStreaming(CompletionRequest.of("Say hello"))) {
        stream.collect();
      }
    });

    assertKeyAbsent(e);
  }

  /** Jackson quotes body content in its messages; Jackson stops a bare token at '-', so this key has none. */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformedBodies")
  void keyIsAbsentFromParseFailures(CredentialScheme scheme, String name, String body) {
    String key = "skSECRETwithoutDashes0123456789";
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body.replace("KEY", key)).build());
    FakeProviderModel.Builder builder = FakeProviderModel.builder().baseUrl(server.url("/v1/").toString()).model("m");
    scheme.apply(builder, key);

    try (FakeProviderModel m = builder.build()) {
      NextTokenException e = assertThrows(NextTokenException.class, () -> m.complete("Say hello"));

      assertFalse(e.getMessage().contains(key), e::getMessage);
      assertFalse(e.getMessage().contains(key.substring(0, 12)), e::getMessage);
    }
  }

  static Stream<Arguments> malformedBodies() {
    return perScheme(Stream.of(
        Arguments.of("bare token", "{\"text\": KEY}"),
        Arguments.of("string where a number belongs", "{\"text\": \"hi\", \"usage\": {\"prompt\": \"KEY\"}}"),
        Arguments.of("string where an object belongs", "{\"text\": \"hi\", \"usage\": \"KEY\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void keyIsAbsentFromConnectionFailures(CredentialScheme scheme) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    FakeProviderModel.Builder builder = FakeProviderModel.builder().baseUrl("http://127.0.0.1:" + port + "/").model("m");
    scheme.apply(builder, KEY);
    try (FakeProviderModel closed = builder.build()) {
      assertKeyAbsent(assertThrows(NextTokenException.class, () -> closed.complete("Say hello")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void keyIsAbsentFromRefusalsBeforeSending(CredentialScheme scheme) {
    FakeProviderModel model = model(scheme);
    assertKeyAbsent(assertThrows(NextTokenException.class,
        () -> model.complete(CompletionRequest.builder("Say hello").topLogprobs(99).build())));
    FakeProviderModel.Builder insecureBuilder = FakeProviderModel.builder().baseUrl("http://models.example/v1/");
    scheme.apply(insecureBuilder, KEY);
    IllegalArgumentException insecure = assertThrows(IllegalArgumentException.class, insecureBuilder::build);
    assertKeyAbsent(insecure);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void keyIsAbsentFromEveryToString(CredentialScheme scheme) {
    server.enqueue(FakeProviderFixtures.answer());
    FakeProviderModel model = model(scheme);
    model.complete("Say hello"); // so that a token provider has issued its token
    FakeProviderModel.Builder builder = TestTransports.model(server);
    scheme.apply(builder, KEY);

    for (Object o : new Object[] {model, builder, model.transport(), model.transport().authentication()}) {
      assertFalse(o.toString().contains(KEY), o::toString);
    }
  }

  private static void assertKeyAbsent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Throwable current = t;
      assertFalse(String.valueOf(t.getMessage()).contains(KEY), () -> "key in the message of " + current);
      assertFalse(t.toString().contains(KEY), () -> "key in " + current);
      if (t instanceof NextTokenException n) {
        assertFalse(n.details().toString().contains(KEY), () -> "key in " + n.details());
      }
    }
  }

  private static Arguments failure(String name, MockResponse response) {
    return Arguments.of(name, response);
  }

  private static MockResponse openAi(int status, String message) {
    return TestTransports.openAiError(status, "invalid_request_error", "invalid_api_key", message);
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
  }
}
