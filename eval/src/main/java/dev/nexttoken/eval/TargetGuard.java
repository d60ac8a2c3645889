package dev.nexttoken.eval;

import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.RequestValidationException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What one target's calls share: its pace ({@link RateLimiter}), its {@link RetryBudget}, and the
 * count of items that failed in a row, which pauses the target once it reaches
 * {@link TargetLimits#failuresBeforePause()}.
 *
 * <p>Retries are a loop here rather than resilience4j's {@code Retry}: resilience4j tests its retry
 * predicate before it counts the attempt, so a budget drawn in that predicate would also be spent on
 * the last failure, which is never retried. What is retried is core's decision
 * ({@link NextTokenException#isRetryable()}); a {@code Retry-After} pauses the whole target, not
 * only the thread that got it.
 */
final class TargetGuard {
  private final TargetLimits limits;
  private final RateLimiter limiter;
  private final RetryBudget budget;
  private final Ticker ticker;
  private final BooleanSupplier stopping;
  private final AtomicInteger failuresInARow = new AtomicInteger();
  private volatile RuntimeException pausedBy;

  TargetGuard(TargetLimits limits, Ticker ticker, BooleanSupplier stopping) {
    this.limits = limits;
    this.limiter = new RateLimiter(limits.requestsPerSecond(), limits.tokensPerMinute(), ticker);
    this.budget = new RetryBudget(limits.retryRatio(), limits.retryReserve());
    this.ticker = ticker;
    this.stopping = stopping;
  }

  /** What one guarded call cost: attempts made and time spent waiting for answers (not for the limiter). */
  static final class Meter {
    int attempts;
    long latencyNanos;
  }

  /**
   * Runs {@code attempt} at the target's pace, retrying what core marks retryable while attempts and
   * the budget last.
   *
   * @param estimatedTokens the call's token estimate for the tokens-per-minute limit
   * @param actualTokens the tokens the answer reports it used, or -1 when it does not say
   */
  <T> T call(Supplier<T> attempt, int estimatedTokens, java.util.function.ToIntFunction<T> actualTokens, Meter meter) {
    budget.onFirstAttempt();
    for (int retry = 0; ; retry++) {
      if (stopping.getAsBoolean()) {
        throw new StoppedException();
      }
      try {
        limiter.acquire(estimatedTokens);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoppedException();
      }
      meter.attempts++;
      long start = ticker.nanos();
      try {
        T answer = attempt.get();
        meter.latencyNanos += ticker.nanos() - start;
        int actual = actualTokens.applyAsInt(answer);
        limiter.settle(estimatedTokens, actual < 0 ? estimatedTokens : actual);
        return answer;
      } catch (RuntimeException e) {
        meter.latencyNanos += ticker.nanos() - start;
        limiter.settle(estimatedTokens, 0);
        Duration retryAfter = e instanceof NextTokenException n ? n.retryAfter().orElse(null) : null;
        if (retryAfter != null) {
          limiter.pauseFor(retryAfter);
        }
        boolean retryable = e instanceof NextTokenException n && n.isRetryable();
        if (!retryable || retry >= limits.maxRetries() || stopping.getAsBoolean() || !budget.tryRetry()) {
          throw e;
        }
        if (retryAfter == null) {
          sleep(backoffNanos(retry + 1));
        }
      }
    }
  }

  /** The limiter, for the rate-limit headers of successful answers. */
  RateLimiter limiter() {
    return limiter;
  }

  RetryBudget budget() {
    return budget;
  }

  /** The failure that paused this target, or null while it runs. */
  RuntimeException pausedBy() {
    return pausedBy;
  }

  /** An item succeeded: the failure streak is broken. */
  void onSuccess() {
    failuresInARow.set(0);
  }

  /**
   * An item failed with {@code failure}. Failures of the provider or the network count toward the
   * pause; a request refused before sending (the item asked what the target cannot do) does not.
   */
  void onFailure(RuntimeException failure) {
    if (!(failure instanceof NextTokenException) || failure instanceof RequestValidationException) {
      return;
    }
    int streak = failuresInARow.incrementAndGet();
    if (limits.failuresBeforePause() > 0 && streak >= limits.failuresBeforePause() && pausedBy == null) {
      pausedBy = failure;
    }
  }

  private long backoffNanos(int retry) {
    long base = limits.initialBackoff().toNanos() << Math.min(retry - 1, 16);
    long capped = Math.min(base, Duration.ofSeconds(30).toNanos());
    // Jitter in (0.75, 1]: concurrent callers that failed together do not come back together.
    return (long) (capped * (1.0 - 0.25 * ThreadLocalRandom.current().nextDouble()));
  }

  private void sleep(long nanos) {
    try {
      ticker.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoppedException();
    }
  }
}
