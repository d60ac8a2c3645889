package dev.nexttoken.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;

/**
 * Reads how long a provider asked us to wait: {@code retry-after-ms} (OpenAI's, milliseconds) first,
 * then {@code Retry-After} as seconds or as an HTTP date; without either header, Google's error body
 * ({@code error.details[]} item {@code google.rpc.RetryInfo} with {@code retryDelay} such as
 * {@code "37s"} or {@code "1.203608125s"}).
 */
public final class RetryAfter {
  private RetryAfter() {}

  /** The wait the headers ask for, else the one the error body asks for; null when neither says anything readable. */
  public static Duration parse(Headers headers, JsonNode body, Clock clock) {
    Duration wait = parse(headers, clock);
    return wait != null ? wait : fromGoogleRetryInfo(body);
  }

  /** Google's {@code google.rpc.RetryInfo} {@code retryDelay} in an error body (also inside Vertex AI's array), or null. */
  static Duration fromGoogleRetryInfo(JsonNode body) {
    JsonNode root = body != null && body.isArray() && body.size() == 1 ? body.get(0) : body;
    JsonNode details = root == null ? null : root.path("error").get("details");
    if (details == null || !details.isArray()) {
      return null;
    }
    for (JsonNode detail : details) {
      JsonNode delay = detail.get("retryDelay");
      if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo") && delay != null && delay.isTextual()) {
        String text = delay.asText().strip();
        if (!text.endsWith("s")) {
          return null;
        }
        try {
          double seconds = Double.parseDouble(text.substring(0, text.length() - 1));
          return seconds >= 0 && Double.isFinite(seconds) ? Duration.ofNanos((long) (seconds * 1e9)) : null;
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** The requested wait, or null when the headers ask for none (or say nothing readable). */
  public static Duration parse(Headers headers, Clock clock) {
    String millis = headers.get("retry-after-ms");
    if (millis != null) {
      try {
        double value = Double.parseDouble(millis.strip());
        if (value >= 0 && Double.isFinite(value)) {
          return Duration.ofNanos((long) (value * 1_000_000));
        }
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    String value = headers.get("Retry-After");
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.strip();
    try {
      double seconds = Double.parseDouble(value);
      return seconds >= 0 && Double.isFinite(seconds) ? Duration.ofMillis((long) (seconds * 1000)) : null;
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
