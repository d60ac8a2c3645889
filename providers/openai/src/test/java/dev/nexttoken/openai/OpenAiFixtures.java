package dev.nexttoken.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Fixture files, canned responses and request-body checks shared by the OpenAI tests. */
final class OpenAiFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Numbers compare by value ({@code 0} equals {@code 0.0}); everything else structurally. */
  private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private OpenAiFixtures() {}

  /** {@code fixtures/openai/<endpoint>/<name>} as text. */
  static String read(String endpoint, String name) {
    return resource("/fixtures/openai/" + endpoint + "/" + name);
  }

  /** {@code fixtures/vllm/<endpoint>/<name>} as text: the vLLM dialect's answers. */
  static String vllm(String endpoint, String name) {
    return resource("/fixtures/vllm/" + endpoint + "/" + name);
  }

  private static String resource(String path) {
    try (InputStream in = OpenAiFixtures.class.getResourceAsStream(path)) {
      assertNotNull(in, "missing fixture " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse sse(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build();
  }

  /** The next request, failing the test if none arrived. */
  static RecordedRequest take(MockWebServer server) {
    try {
      RecordedRequest request = server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
      assertNotNull(request, "no request reached the server");
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The request's body as a JSON tree. */
  static JsonNode sent(RecordedRequest request) {
    try {
      return JSON.readTree(request.getBody().utf8());
    } catch (IOException e) {
      throw new AssertionError("request body is not JSON", e);
    }
  }

  /** The request body equals {@code expectedJson}: the same fields with the same values, nothing extra. */
  static void assertBody(String expectedJson, RecordedRequest request) {
    String actual = request.getBody().utf8();
    try {
      JsonNode expected = JSON.readTree(expectedJson);
      JsonNode sent = JSON.readTree(actual);
      if (!expected.equals(NUMERIC, sent)) {
        fail("request body differs\nexpected: " + expected + "\nsent:     " + sent);
      }
    } catch (IOException e) {
      throw new AssertionError("request body is not JSON: " + actual, e);
    }
    // Sent with a length, never chunked: some gateways refuse chunked request bodies.
    assertEquals(String.valueOf(request.getBodySize()), request.getHeaders().get("Content-Length"));
    assertNull(request.getHeaders().get("Transfer-Encoding"));
    assertTrue(request.getChunkSizes() == null || request.getChunkSizes().isEmpty());
  }
}
