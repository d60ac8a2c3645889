package dev.nexttoken;

import java.time.Duration;

/**
 * How failed calls are retried. What is retried is fixed policy (see
 * {@link dev.nexttoken.internal.RetryPolicy}); how often and how long to wait is set here.
 *
 * @param maxRetries retries after the first attempt (2 means at most 3 attempts); 0 disables retries
 * @param initialBackoff the first wait when the provider gives no hint; doubled each retry, with jitter
 * @param maxBackoff the longest computed wait
 * @param maxRetryAfter the longest provider-requested wait ({@code Retry-After}) that is honoured;
 *     a longer one is not retried and the exception carries it instead
 */
public record RetrySettings(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
  /** 2 retries, 0.5 s doubling up to 8 s, provider hints honoured up to 60 s. */
  public static final RetrySettings DEFAULT =
      new RetrySettings(2, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

  /** No retries. */
  public static final RetrySettings NONE = DEFAULT.withMaxRetries(0);

  public RetrySettings {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("retry durations must not be negative");
    }
  }

  public RetrySettings withMaxRetries(int value) {
    return new RetrySettings(value, initialBackoff, maxBackoff, maxRetryAfter);
  }

  public RetrySettings withBackoff(Duration initial, Duration max) {
    return new RetrySettings(maxRetries, initial, max, maxRetryAfter);
  }
}
