package dev.nexttoken.ollama;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.spi.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Fixtures, canned responses and a model pointed at a {@link MockWebServer}. */
final class OllamaTestSupport {
  static final String MODEL = "llama3.2:1b";

  /** Retries without waiting, so retry tests need no sleeps. */
  static final RetrySettings FAST_RETRY = new RetrySettings(2, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60));

  private OllamaTestSupport() {}

  static OllamaModel.Builder builder(MockWebServer server) {
    return OllamaModel.builder().baseUrl(server.url("/").toString()).model(MODEL).retry(FAST_RETRY);
  }

  static OllamaModel model(MockWebServer server) {
    return builder(server).build();
  }

  /** A fixture under {@code fixtures/ollama/}, e.g. {@code chat/logprobs.json}. */
  static String fixture(String path) {
    String resource = "/fixtures/ollama/" + path;
    try (InputStream in = OllamaTestSupport.class.getResourceAsStream(resource)) {
      assertNotNull(in, "missing fixture " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse json(String fixture) {
    return json(200, fixture);
  }

  static MockResponse json(int status, String fixture) {
    return jsonBody(status, fixture(fixture));
  }

  static MockResponse jsonBody(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  /** A stream as Ollama sends it: {@code application/x-ndjson}, one object a line. */
  static MockResponse ndjson(String fixture) {
    return ndjsonBody(fixture(fixture));
  }

  static MockResponse ndjsonBody(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/x-ndjson").body(body).build();
  }

  /**
   * The stream with a blank line after every object: the same NDJSON to a reader (blank lines are
   * skipped), in the shape core's fault helpers cut at ({@code Faults.throughFirstToken} ends an
   * event at a blank line, as SSE does).
   */
  static MockResponse spacedNdjson(String fixture) {
    return ndjsonBody(fixture(fixture).lines().collect(Collectors.joining("\n\n", "", "\n\n")));
  }

  /** Ollama's error body, {@code {"error": "<text>"}}. */
  static MockResponse error(int status, String message) {
    String body = new String(Json.write(java.util.Map.of("error", message)), StandardCharsets.UTF_8);
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  /** The JSON body of a request the server received. */
  static JsonNode body(RecordedRequest request) {
    return Json.readTreeOrNull(request.getBody().toByteArray());
  }
}
