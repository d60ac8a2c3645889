package dev.nexttoken.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;

/**
 * Reads how long a provider asked us to wait: {@code retry-after-ms} (OpenAI's, milliseconds) first,
 * then {@code Retry-After} as seconds or as an HTTP date.
 */
public final class RetryAfter {
  private RetryAfter() {}

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
