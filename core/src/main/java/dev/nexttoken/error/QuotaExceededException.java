package dev.nexttoken.error;

/**
 * The account's quota or billing limit is reached (OpenAI {@code insufficient_quota}, even on HTTP
 * 429; HTTP 402): permanent, never retried.
 *
 * <p>Deliberately not a {@link RateLimitException}: code that catches a rate limit to retry later
 * would otherwise retry an error that waiting cannot cure.
 */
public class QuotaExceededException extends ApiException {
  public QuotaExceededException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public QuotaExceededException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
