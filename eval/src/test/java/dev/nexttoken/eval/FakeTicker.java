package dev.nexttoken.eval;

import java.util.ArrayList;
import java.util.List;

/** Time that moves only when slept on, and remembers each sleep: rate limits tested without a clock. */
final class FakeTicker implements Ticker {
  long now = 1_000_000_000L;
  final List<Long> sleeps = new ArrayList<>();

  @Override
  public synchronized long nanos() {
    return now;
  }

  @Override
  public synchronized void sleep(long nanos) {
    sleeps.add(nanos);
    now += nanos;
  }

  synchronized void advance(long nanos) {
    now += nanos;
  }
}
