package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/** Wire fixtures under {@code fixtures/<provider>/<endpoint>/} as canned MockWebServer responses. */
final class Fixtures {
  private Fixtures() {}

  static String read(String provider, String endpoint, String name) {
    String path = "/fixtures/" + provider + "/" + endpoint + "/" + name;
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      assertNotNull(in, "missing fixture " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse sse(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build();
  }
}
