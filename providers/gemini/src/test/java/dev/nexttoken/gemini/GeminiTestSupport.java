package dev.nexttoken.gemini;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.spi.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Fixtures, canned responses and a model pointed at a {@link MockWebServer}. */
final class GeminiTestSupport {
  static final String KEY = "AIza-gemini-test-key-7c41";

  /** Retries without waiting, so retry tests need no sleeps. */
  static final RetrySettings FAST_RETRY = new RetrySettings(2, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60));

  private GeminiTestSupport() {}

  /** A Gemini API model at {@code server}'s {@code /v1beta}. */
  static GeminiModel.Builder builder(MockWebServer server) {
    return GeminiModel.builder().apiKey(KEY).baseUrl(server.url("/v1beta").toString()).retry(FAST_RETRY);
  }

  /** A fixture under {@code fixtures/gemini/}, e.g. {@code generate/hello.json}. */
  static String fixture(String path) {
    String resource = "/fixtures/gemini/" + path;
    try (InputStream in = GeminiTestSupport.class.getResourceAsStream(resource)) {
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
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=UTF-8").body(fixture(fixture)).build();
  }

  static MockResponse sse(String fixture) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(fixture(fixture)).build();
  }

  /** Gemini's documented error body with {@code message}. */
  static MockResponse error(int status, String canonical, String message) {
    String body = "{\"error\":{\"code\":" + status + ",\"message\":" + new String(Json.write(message), StandardCharsets.UTF_8)
        + ",\"status\":\"" + canonical + "\"}}";
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=UTF-8").body(body).build();
  }

  /** The JSON body of a request the server received. */
  static JsonNode body(RecordedRequest request) {
    return Json.readTreeOrNull(request.getBody().toByteArray());
  }

  /** {@code json} (single quotes allowed for readability) as a tree. */
  static JsonNode tree(String json) {
    return Json.readTreeOrNull(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }
}
