package dev.nexttoken.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/** The fake provider's canned responses, from {@code fixtures/fake/...}. */
public final class FakeProviderFixtures {
  private FakeProviderFixtures() {}

  /** "Hello world" in two tokens with two alternatives each, as one JSON response. */
  public static MockResponse answer() {
    return new MockResponse.Builder().setHeader("Content-Type", "application/json").setHeader("x-request-id", "req-fake-1")
        .body(fixture("fixtures/fake/complete/hello.json")).build();
  }

  /** The same answer as an event stream. */
  public static MockResponse streamedAnswer() {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").setHeader("x-request-id", "req-fake-1")
        .body(fixture("fixtures/fake/complete/hello.sse")).build();
  }

  /** An error in the fake's format: {@code {"error": {"type", "message"}}}. */
  public static MockResponse error(int status, String message) {
    String body = "{\"error\":{\"type\":\"fake_error\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}}";
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** A fixture file's text. */
  public static String fixture(String path) {
    try (InputStream in = FakeProviderFixtures.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
