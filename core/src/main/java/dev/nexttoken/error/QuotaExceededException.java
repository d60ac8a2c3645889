package dev.nexttoken.error;

/** The account's quota or billing limit is reached (OpenAI {@code insufficient_quota}, Cohere 402): permanent, never retried. */
public class QuotaExceededException extends RateLimitException {
  public QuotaExceededException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public QuotaExceededException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
