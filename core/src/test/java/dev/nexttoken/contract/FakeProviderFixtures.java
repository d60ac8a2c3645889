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

  /**
   * The same stream as NDJSON, the framing of the fake's chat: the event stream's JSON data, one a
   * line, without {@code [DONE]}. Derived from the SSE fixture so both framings carry one answer.
   */
  public static MockResponse streamedAnswerAsNdjson() {
    return new MockResponse.Builder().setHeader("Content-Type", "application/x-ndjson").setHeader("x-request-id", "req-fake-1")
        .body(ndjsonOf(fixture("fixtures/fake/complete/hello.sse"))).build();
  }

  /** The JSON data lines of an event stream, one a line. */
  public static String ndjsonOf(String sse) {
    StringBuilder out = new StringBuilder();
    sse.lines().filter(line -> line.startsWith("data: {")).forEach(line -> out.append(line, 6, line.length()).append('\n'));
    return out.toString();
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
