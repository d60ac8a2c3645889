package dev.nexttoken.internal;

import dev.nexttoken.RetrySettings;
import dev.nexttoken.error.NextTokenException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Retries failed calls, as policy rather than a hand-written loop (resilience4j-retry).
 *
 * <p>What is retried is decided where the exception is made ({@link ErrorMapper}: 408, 409, 429,
 * 499, 500, 502, 503, 504, connection failures before a response; {@code x-should-retry}
 * overrides; never a permanent quota error). Here: how long to wait. A provider's
 * {@code retry-after-ms} or {@code Retry-After} is honoured up to
 * {@link RetrySettings#maxRetryAfter()}; a longer one is not retried at all, so the caller gets the
 * exception (with {@code retryAfter()}) at once instead of a thread parked for minutes. Without a
 * hint the wait is exponential: {@code initialBackoff * 2^(retry-1)} up to {@code maxBackoff},
 * times a jitter factor in (0.75, 1] so that many clients do not retry in step.
 *
 * <p>Streams are retried only while opening: once the first event has reached the caller, a
 * failure is reported, never replayed.
 */
public final class RetryPolicy {
  private final String name;
  private final RetrySettings settings;
  // Made on the first retryable failure: resilience4j's classes and Retry.of cost ~15-20 ms of a
  // cold start, and most programs never see a failure.
  private volatile Retry retry;

  public RetryPolicy(String name, RetrySettings settings) {
    this.name = name;
    this.settings = settings;
  }

  /** Runs {@code attempt}, retrying per the policy; the last failure is thrown as it was. */
  public <T> T execute(Supplier<T> attempt) {
    if (settings.maxRetries() == 0) {
      return attempt.get();
    }
    RuntimeException firstFailure;
    try {
      return attempt.get();
    } catch (RuntimeException e) {
      if (!shouldRetry(e)) {
        throw e;
      }
      firstFailure = e;
    }
    // The first attempt already ran: hand its failure to the Retry as attempt one, so the waits, the
    // attempt count and the last exception are resilience4j's exactly as if it had run them all.
    AtomicBoolean replayed = new AtomicBoolean();
    return retry().executeSupplier(() -> {
      if (replayed.compareAndSet(false, true)) {
        throw firstFailure;
      }
      return attempt.get();
    });
  }

  private Retry retry() {
    Retry r = retry;
    if (r == null) {
      synchronized (this) {
        r = retry;
        if (r == null) {
          IntervalBiFunction<Object> interval = (attempt, outcome) -> waitMillis(attempt, outcome.isLeft() ? outcome.getLeft() : null);
          RetryConfig config =
              RetryConfig.custom()
                  .maxAttempts(settings.maxRetries() + 1)
                  .retryOnException(this::shouldRetry)
                  .intervalBiFunction(interval)
                  .build();
          r = Retry.of(name, config);
          retry = r;
        }
      }
    }
    return r;
  }

  /** The settings in force. */
  public RetrySettings settings() {
    return settings;
  }

  public boolean shouldRetry(Throwable failure) {
    if (!(failure instanceof NextTokenException e) || !e.isRetryable()) {
      return false;
    }
    return e.retryAfter().map(wait -> wait.compareTo(settings.maxRetryAfter()) <= 0).orElse(true);
  }

  /** The wait before retry number {@code attempt} (1-based) after {@code failure}. */
  public long waitMillis(int attempt, Throwable failure) {
    if (failure instanceof NextTokenException e && e.retryAfter().isPresent()) {
      return e.retryAfter().get().toMillis();
    }
    Duration base = settings.initialBackoff().multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
    long capped = Math.min(base.toMillis(), settings.maxBackoff().toMillis());
    double jitter = 1.0 - 0.25 * ThreadLocalRandom.current().nextDouble();
    return (long) (capped * jitter);
  }
}
