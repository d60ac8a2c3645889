package dev.nexttoken.error;

/** Too many requests (HTTP 429); {@link #retryAfter()} says how long the provider asked to wait. */
public class RateLimitException extends ApiException {
  public RateLimitException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public RateLimitException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
