package dev.nexttoken.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Root of every exception the SDK throws; unchecked, so callers catch only what they can act on.
 *
 * <p>Carries what the provider said about the failure: the HTTP status, the provider's error type
 * and code, its message, the request id, and how long the provider asked us to wait before trying
 * again. It never carries the API key: messages are built only from these fields.
 */
public class NextTokenException extends RuntimeException {
  private final ErrorDetails details;

  public NextTokenException(String message, ErrorDetails details, Throwable cause) {
    super(message, cause);
    this.details = details == null ? ErrorDetails.none() : details;
  }

  public NextTokenException(String message, ErrorDetails details) {
    this(message, details, null);
  }

  /** Everything known about the failure beyond the message. */
  public ErrorDetails details() {
    return details;
  }

  /** The provider's name ("openai", "cohere", "llamacpp"), or null when the failure is not a provider's. */
  public String provider() {
    return details.provider();
  }

  /** The HTTP status, or 0 when no response was received. */
  public int httpStatus() {
    return details.httpStatus();
  }

  /** The wait the provider asked for before a retry ({@code retry-after-ms} or {@code Retry-After}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(details.retryAfter());
  }

  /** The provider's request id, from a response header or the error body. */
  public Optional<String> requestId() {
    return Optional.ofNullable(details.requestId());
  }

  /** Whether repeating the same request later may succeed; the retry policy consults this. */
  public boolean isRetryable() {
    return details.retryable();
  }
}
