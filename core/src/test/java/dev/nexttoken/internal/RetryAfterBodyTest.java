package dev.nexttoken.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nexttoken.spi.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** Google's {@code google.rpc.RetryInfo} in an error body as the retry hint when no header gives one. */
class RetryAfterBodyTest {
  private static Duration wait(Headers headers, String body) {
    return RetryAfter.parse(headers, Json.readTreeOrNull(body.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());
  }

  private static String google(String delay) {
    return "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"m\",\"details\":["
        + "{\"@type\":\"type.googleapis.com/google.rpc.Help\",\"links\":[]},"
        + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + delay + "\"}]}}";
  }

  @Test
  void retryDelayInSecondsWithFractions() {
    assertEquals(Duration.ofSeconds(37), wait(Headers.of(), google("37s")));
    assertEquals(Duration.ofNanos(1_203_608_125), wait(Headers.of(), google("1.203608125s")));
    assertEquals(Duration.ofSeconds(37), wait(Headers.of(), "[" + google("37s") + "]"), "Vertex AI's array");
  }

  @Test
  void aHeaderWinsAndUnreadableDelaysAreNone() {
    assertEquals(Duration.ofSeconds(3), wait(Headers.of("Retry-After", "3"), google("37s")));
    assertNull(wait(Headers.of(), google("soon")));
    assertNull(wait(Headers.of(), google("-1s")));
    assertNull(wait(Headers.of(), "{\"error\":{\"code\":429,\"message\":\"m\"}}"));
    assertNull(wait(Headers.of(), "not json"));
  }
}
