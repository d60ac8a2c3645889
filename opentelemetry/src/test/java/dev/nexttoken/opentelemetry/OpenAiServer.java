package dev.nexttoken.opentelemetry;

import dev.nexttoken.RetrySettings;
import dev.nexttoken.Timeouts;
import dev.nexttoken.openai.OpenAiDialect;
import dev.nexttoken.openai.OpenAiModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** A MockWebServer on 127.0.0.1 speaking OpenAI's wire, and OpenAI models aimed at it with the planted key. */
final class OpenAiServer implements AutoCloseable {
  /** The planted key: no span, event, metric or log line may show it. */
  static final String KEY = "sk-OTEL-PLANTED-SECRET-4242";
  static final String CHAT_MODEL = "gpt-4o-mini";
  static final RetrySettings FAST_RETRIES = RetrySettings.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

  final MockWebServer server = new MockWebServer();

  OpenAiServer() {
    try {
      server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A model builder with the key, OpenAI's dialect, no retries and short timeouts; adjust before {@code build()}. */
  OpenAiModel.Builder model() {
    return OpenAiModel.builder().baseUrl(server.url("/v1").toString()).apiKey(KEY).dialect(OpenAiDialect.OPENAI)
        .model(CHAT_MODEL).retry(RetrySettings.NONE).timeouts(Timeouts.of(Duration.ofSeconds(2)));
  }

  void enqueueJson(String fixture) {
    server.enqueue(json(200, read(fixture)));
  }

  void enqueueStream(String fixture) {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(read(fixture)).build());
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** OpenAI's error shape. */
  static MockResponse error(int status, String type, String code, String message) {
    return json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
        + (code == null ? "null" : "\"" + code + "\"") + "}}");
  }

  /** {@code fixtures/openai/<path>} as text. */
  static String read(String path) {
    try (InputStream in = OpenAiServer.class.getResourceAsStream("/fixtures/openai/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
