package dev.nexttoken;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of a call, chosen to suit long streams: there is no single total timeout that
 * would silently cut a long answer short.
 *
 * @param connect to establish a connection (TCP and TLS)
 * @param firstByte from sending the request to the first byte of the response (headers)
 * @param streamIdle the longest silence allowed between two reads of a response body, so a
 *     stalled stream fails instead of hanging; a steady stream may run for hours
 * @param deadline an optional bound on the whole call including the full body, or null for none
 */
public record Timeouts(Duration connect, Duration firstByte, Duration streamIdle, Duration deadline) {
  /** 10 s to connect, 120 s to the first byte (a long prompt may take that), 60 s of silence, no deadline. */
  public static final Timeouts DEFAULT =
      new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(60), null);

  public Timeouts {
    requirePositive(connect, "connect");
    requirePositive(firstByte, "firstByte");
    requirePositive(streamIdle, "streamIdle");
    if (deadline != null) {
      requirePositive(deadline, "deadline");
    }
  }

  /** One limit for connecting, the first byte and each silence in a stream (the CLI's {@code --timeout}). */
  public static Timeouts of(Duration each) {
    return new Timeouts(each, each, each, null);
  }

  public Timeouts withConnect(Duration value) {
    return new Timeouts(value, firstByte, streamIdle, deadline);
  }

  public Timeouts withFirstByte(Duration value) {
    return new Timeouts(connect, value, streamIdle, deadline);
  }

  public Timeouts withStreamIdle(Duration value) {
    return new Timeouts(connect, firstByte, value, deadline);
  }

  public Timeouts withDeadline(Duration value) {
    return new Timeouts(connect, firstByte, streamIdle, value);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " timeout must be positive, was " + d);
    }
  }
}
