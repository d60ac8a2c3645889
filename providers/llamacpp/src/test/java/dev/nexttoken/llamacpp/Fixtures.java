package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.spi.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Canned llama-server responses from {@code fixtures/llamacpp/<endpoint>/<case>}, and request-body checks. */
final class Fixtures {
  private Fixtures() {}

  static String text(String endpointAndCase) {
    String path = "fixtures/llamacpp/" + endpointAndCase;
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 200 JSON response with the fixture {@code <endpoint>/<case>.json}. */
  static MockResponse json(String endpointAndCase) {
    return json(200, endpointAndCase);
  }

  static MockResponse json(int status, String endpointAndCase) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=utf-8")
        .body(text(endpointAndCase + ".json")).build();
  }

  /** A 200 event stream with the fixture {@code <endpoint>/<case>.sse}. */
  static MockResponse sse(String endpointAndCase) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body(text(endpointAndCase + ".sse")).build();
  }

  /** A model talking to {@code server}, without retries unless a test asks. */
  static LlamaCppModel.Builder model(MockWebServer server) {
    return LlamaCppModel.builder().baseUrl(server.url("/").toString()).retry(RetrySettings.NONE);
  }

  /** Asserts the request's JSON body equals {@code expectedJson}: same fields, same values, nothing more. */
  static void assertBody(String expectedJson, RecordedRequest request) {
    JsonNode expected = tree(expectedJson);
    JsonNode actual = tree(request.getBody().utf8());
    assertEquals(expected, actual, () -> "body sent: " + request.getBody().utf8());
  }

  static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
