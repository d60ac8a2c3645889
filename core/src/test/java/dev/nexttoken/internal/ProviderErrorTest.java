package dev.nexttoken.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nexttoken.spi.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Error bodies in the shapes providers send, read into one {@link ProviderError}. */
class ProviderErrorTest {
  private static ProviderError parse(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return ProviderError.parse(body, Json.readTreeOrNull(body));
  }

  @Test
  void googleStatusIsTheCodeAndTheIntegerCodeIsNot() {
    ProviderError e = parse("{\"error\":{\"code\":400,\"message\":\"Logprobs is not enabled for models/x\",\"status\":\"INVALID_ARGUMENT\"}}");

    assertEquals("INVALID_ARGUMENT", e.code());
    assertEquals("Logprobs is not enabled for models/x", e.message());
    assertNull(e.type());
  }

  @Test
  void vertexArrayAroundTheErrorIsUnwrapped() {
    ProviderError e = parse("[{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[]}}]");

    assertEquals("RESOURCE_EXHAUSTED", e.code());
    assertEquals("Quota exceeded", e.message());
  }

  @Test
  void integerCodeWithoutStatusIsStillTheCode() {
    ProviderError e = parse("{\"error\":{\"code\":400,\"message\":\"bad\",\"type\":\"invalid_request_error\"}}");

    assertEquals("400", e.code());
    assertEquals("invalid_request_error", e.type());
  }
}
