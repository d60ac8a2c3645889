package dev.nexttoken.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pace one target keeps, on a fake clock: every start time is exact. */
class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private final FakeTicker ticker = new FakeTicker();

  private List<Long> starts(RateLimiter limiter, int calls, int tokens) throws InterruptedException {
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      limiter.acquire(tokens);
      starts.add(ticker.nanos() - 1_000_000_000L);
    }
    return starts;
  }

  @Test
  void requestsPerSecondAreSpacedEvenlySoNoSecondHoldsMore() throws InterruptedException {
    List<Long> starts = starts(new RateLimiter(5, 0, ticker), 23, 1);

    for (int i = 0; i < starts.size(); i++) {
      assertEquals(i * SECOND / 5, starts.get(i), "start " + i);
    }
    for (long from : starts) {
      long inWindow = starts.stream().filter(t -> t >= from && t < from + SECOND).count();
      assertTrue(inWindow <= 5, "a one-second window from " + from + " holds " + inWindow);
    }
  }

  @Test
  void tokensPerMinuteAllowAMinutesWorthThenRefillAtTheirRate() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(0, 600, ticker); // 10 tokens a second
    List<Long> starts = starts(limiter, 8, 100);

    // 600 tokens are there at once: six calls of 100 start now, then one every 10 s.
    assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 10 * SECOND, 20 * SECOND), starts);
  }

  @Test
  void usageAboveTheEstimateIsPaidBackBeforeTheNextCall() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(0, 600, ticker);
    limiter.acquire(100);
    limiter.settle(100, 700); // the call used 700 of a 600 bucket: it is 100 short
    limiter.acquire(100);

    assertEquals(20 * SECOND, ticker.nanos() - 1_000_000_000L, "100 owed plus 100 wanted at 10 tokens/s");
  }

  @Test
  void aPauseHoldsEveryCallerUntilItEnds() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(0, 0, ticker);
    limiter.pauseFor(Duration.ofSeconds(3));
    limiter.acquire(1);

    assertEquals(3 * SECOND, ticker.nanos() - 1_000_000_000L);
  }

  @Test
  void anExhaustedRateLimitHeaderPausesUntilTheResetItNames() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(0, 0, ticker);
    limiter.observe(Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1m2.5s",
        "x-ratelimit-remaining-tokens", "1200", "x-ratelimit-reset-tokens", "9s"));
    limiter.acquire(1);

    assertEquals(62_500_000_000L, ticker.nanos() - 1_000_000_000L);
  }

  @Test
  void remainingHeadersAboveZeroDoNotPause() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(0, 0, ticker);
    limiter.observe(Map.of("x-ratelimit-remaining-requests", "12", "x-ratelimit-remaining-tokens", "40000"));
    limiter.acquire(1);

    assertEquals(List.of(), ticker.sleeps);
  }

  @Test
  void resetTimesAreReadInEveryFormProvidersSend() {
    assertEquals(Duration.ofSeconds(1), RateLimiter.parseReset("1s"));
    assertEquals(Duration.ofMinutes(6), RateLimiter.parseReset("6m0s"));
    assertEquals(Duration.ofMillis(20), RateLimiter.parseReset("20ms"));
    assertEquals(Duration.ofMillis(3723500), RateLimiter.parseReset("1h2m3.5s"));
    assertEquals(Duration.ofMillis(2500), RateLimiter.parseReset("2.5"));
    assertNull(RateLimiter.parseReset("soon"));
    assertNull(RateLimiter.parseReset(null));
  }
}
