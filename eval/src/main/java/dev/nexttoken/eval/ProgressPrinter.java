package dev.nexttoken.eval;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress for a person: on a terminal a live bar redrawn in place
 * ({@code [#####.....] 512/1,000 51% 12.3/s ETA 40s errors 2 $0.0123}); elsewhere, or with
 * {@code NO_COLOR}, one plain line every ten seconds and one at the end, so that a log file reads well.
 */
public final class ProgressPrinter implements EvalProgress {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean live;
  private final Duration interval;

  /**
   * @param out where to print (standard error, so that standard output stays for results)
   * @param live redraw one line in place (a terminal) rather than print plain lines
   * @param interval how often to print plain lines (a live bar redraws five times a second)
   */
  public ProgressPrinter(PrintWriter out, boolean live, Duration interval) {
    this.out = out;
    this.live = live;
    this.interval = live ? Duration.ofMillis(200) : interval;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public void update(Snapshot s) {
    if (live) {
      out.print("\r" + bar(s) + "\u001b[K");
    } else {
      out.println("eval: " + line(s));
    }
    out.flush();
  }

  @Override
  public void finish(Snapshot s) {
    if (live) {
      out.print("\r" + bar(s) + "\u001b[K\n");
    } else {
      out.println("eval: " + line(s));
    }
    out.flush();
  }

  /** The bar line, without control characters. */
  static String bar(Snapshot s) {
    int filled = s.total() == 0 ? WIDTH : (int) (WIDTH * s.done() / s.total());
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + line(s);
  }

  /** {@code 512/1,000 rows (51%), 12.3 rows/s, ETA 40s, 2 errors, $0.0123}. */
  static String line(Snapshot s) {
    long percent = s.total() == 0 ? 100 : 100 * s.done() / s.total();
    return String.format(Locale.ROOT, "%,d/%,d rows (%d%%), %.1f rows/s, ETA %s, %,d error%s, $%.4f", s.done(), s.total(), percent,
        s.rowsPerSecond(), s.eta() == null ? "?" : duration(s.eta()), s.errors(), s.errors() == 1 ? "" : "s", s.spend());
  }

  static String duration(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + String.format(Locale.ROOT, "%02ds", seconds % 60);
    }
    return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02dm", seconds / 60 % 60);
  }
}
