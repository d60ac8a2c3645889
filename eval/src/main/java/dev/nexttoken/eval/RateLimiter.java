package dev.nexttoken.eval;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One target's pace: requests per second, tokens per minute, and the pauses the provider asked for.
 *
 * <p>Requests are spaced evenly ({@code 1/rps} apart, no burst), so any one-second window holds at
 * most {@code rps} starts. Tokens come from a bucket holding a minute's worth, refilled continuously;
 * a call takes its estimate before it is sent and settles the difference with the reported usage
 * after, so the balance may go negative and the next caller waits it off. A {@code Retry-After}, or an
 * {@code x-ratelimit-remaining-requests} / {@code -tokens} of 0, pauses every caller of the target
 * until the provider's reset time ({@code x-ratelimit-reset-*}: {@code 1s}, {@code 6m0s}, {@code 20ms}),
 * or one second when it gives none. Thread-safe; callers wait in {@link #acquire}.
 */
final class RateLimiter {
  private static final long SECOND = 1_000_000_000L;
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  private final Ticker ticker;
  private final long interval;
  private final double tokensPerMinute;
  private long nextStart;
  private double tokens;
  private long tokensAt;
  private long pausedUntil;

  RateLimiter(double requestsPerSecond, double tokensPerMinute, Ticker ticker) {
    this.ticker = ticker;
    this.interval = requestsPerSecond > 0 ? (long) (SECOND / requestsPerSecond) : 0;
    this.tokensPerMinute = tokensPerMinute;
    long now = ticker.nanos();
    this.nextStart = now;
    this.tokens = tokensPerMinute;
    this.tokensAt = now;
    this.pausedUntil = now;
  }

  /** Waits until a request estimated at {@code estimatedTokens} may start, and takes its place. */
  void acquire(int estimatedTokens) throws InterruptedException {
    while (true) {
      long wait;
      synchronized (this) {
        long now = ticker.nanos();
        refill(now);
        wait = Math.max(0, pausedUntil - now);
        if (wait == 0 && interval > 0) {
          wait = Math.max(0, nextStart - now);
        }
        if (wait == 0 && tokensPerMinute > 0 && tokens < Math.min(estimatedTokens, tokensPerMinute)) {
          // An estimate above a minute's worth would never fit: it waits for a full bucket instead.
          double missing = Math.min(estimatedTokens, tokensPerMinute) - tokens;
          wait = Math.max(1, (long) Math.ceil(missing / tokensPerMinute * 60 * SECOND));
        }
        if (wait == 0) {
          if (interval > 0) {
            nextStart = Math.max(nextStart, now) + interval;
          }
          if (tokensPerMinute > 0) {
            tokens -= estimatedTokens;
          }
          return;
        }
      }
      ticker.sleep(wait);
    }
  }

  /** A call that took {@code estimated} tokens used {@code actual}: the difference is settled. */
  synchronized void settle(int estimated, int actual) {
    if (tokensPerMinute > 0) {
      tokens += estimated - actual;
      tokens = Math.min(tokens, tokensPerMinute);
    }
  }

  /** Every caller waits {@code wait} from now (a later pause already set stands). */
  synchronized void pauseFor(Duration wait) {
    pausedUntil = Math.max(pausedUntil, ticker.nanos() + wait.toNanos());
  }

  /** Reads the {@code x-ratelimit-*} headers of a successful answer and pauses if nothing is left. */
  void observe(Map<String, String> rateLimits) {
    if (rateLimits.isEmpty()) {
      return;
    }
    for (String kind : new String[] {"requests", "tokens"}) {
      String remaining = rateLimits.get("x-ratelimit-remaining-" + kind);
      if (remaining != null && isZero(remaining)) {
        Duration reset = parseReset(rateLimits.get("x-ratelimit-reset-" + kind));
        pauseFor(reset == null ? Duration.ofSeconds(1) : reset);
      }
    }
  }

  private static boolean isZero(String value) {
    try {
      return Double.parseDouble(value.strip()) <= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** {@code 1s}, {@code 6m0s}, {@code 1h2m3.5s}, {@code 20ms}, or plain seconds; null when unreadable. */
  static Duration parseReset(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip().toLowerCase(Locale.ROOT);
    try {
      return Duration.ofMillis((long) (Double.parseDouble(text) * 1000));
    } catch (NumberFormatException notPlain) {
      // a Go-style duration follows
    }
    Matcher m = DURATION_PART.matcher(text);
    double millis = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      millis += switch (m.group(2)) {
        case "h" -> n * 3_600_000;
        case "m" -> n * 60_000;
        case "s" -> n * 1000;
        default -> n;
      };
      end = m.end();
    }
    return end == text.length() && end > 0 ? Duration.ofMillis((long) Math.ceil(millis)) : null;
  }

  private void refill(long now) {
    if (tokensPerMinute > 0 && now > tokensAt) {
      tokens = Math.min(tokensPerMinute, tokens + (now - tokensAt) * tokensPerMinute / (60.0 * SECOND));
    }
    tokensAt = now;
  }
}
