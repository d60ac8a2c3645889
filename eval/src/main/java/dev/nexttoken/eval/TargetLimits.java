package dev.nexttoken.eval;

import java.time.Duration;

/**
 * How hard one target may be pushed.
 *
 * @param concurrency requests in flight at once
 * @param requestsPerSecond the most requests started per second, or 0 for no limit
 * @param tokensPerMinute the most tokens (prompt and generated, estimated before and corrected after
 *     each call) per minute, or 0 for no limit
 * @param maxRetries retries of one call after its first attempt, each also paid from the retry budget
 * @param retryRatio the retry budget's refill: retries earned per first attempt (0.1: at most one
 *     retry per ten calls once the reserve is spent)
 * @param retryReserve the retry budget's size, and what it starts with
 * @param initialBackoff the first wait before a retry without {@code Retry-After}; doubled each retry, with jitter
 * @param failuresBeforePause consecutive failed items after which the target is paused for the rest of
 *     the run (its remaining rows are written with the error, nothing more is sent to it); 0 never pauses
 */
public record TargetLimits(int concurrency, double requestsPerSecond, double tokensPerMinute, int maxRetries, double retryRatio,
    int retryReserve, Duration initialBackoff, int failuresBeforePause) {

  /** 4 in flight, no rate limits, 3 retries from a budget of 10 refilled at 0.1 per call, paused after 10 failures in a row. */
  public static final TargetLimits DEFAULT = new TargetLimits(4, 0, 0, 3, 0.1, 10, Duration.ofMillis(500), 10);

  public TargetLimits {
    if (concurrency < 1) {
      throw new EvalInputException("concurrency must be at least 1, was " + concurrency);
    }
    if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
      throw new EvalInputException("requests per second must be >= 0 (0: no limit), was " + requestsPerSecond);
    }
    if (!(tokensPerMinute >= 0) || Double.isInfinite(tokensPerMinute)) {
      throw new EvalInputException("tokens per minute must be >= 0 (0: no limit), was " + tokensPerMinute);
    }
    if (maxRetries < 0 || retryReserve < 0 || !(retryRatio >= 0) || failuresBeforePause < 0) {
      throw new EvalInputException("retries, the retry budget and the pause threshold must not be negative");
    }
    if (initialBackoff == null || initialBackoff.isNegative()) {
      throw new EvalInputException("the initial backoff must not be negative");
    }
  }

  public TargetLimits withConcurrency(int value) {
    return new TargetLimits(value, requestsPerSecond, tokensPerMinute, maxRetries, retryRatio, retryReserve, initialBackoff, failuresBeforePause);
  }

  public TargetLimits withRates(double rps, double tpm) {
    return new TargetLimits(concurrency, rps, tpm, maxRetries, retryRatio, retryReserve, initialBackoff, failuresBeforePause);
  }

  public TargetLimits withRetries(int max, double ratio, int reserve, Duration backoff) {
    return new TargetLimits(concurrency, requestsPerSecond, tokensPerMinute, max, ratio, reserve, backoff, failuresBeforePause);
  }

  public TargetLimits withFailuresBeforePause(int value) {
    return new TargetLimits(concurrency, requestsPerSecond, tokensPerMinute, maxRetries, retryRatio, retryReserve, initialBackoff, value);
  }
}
