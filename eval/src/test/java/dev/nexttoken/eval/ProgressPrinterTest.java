package dev.nexttoken.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A live bar on a terminal, plain lines elsewhere. */
class ProgressPrinterTest {
  private static final EvalProgress.Snapshot HALF = new EvalProgress.Snapshot(512, 1024, 3, 12.34, Duration.ofSeconds(41), Duration.ofSeconds(125), 0.01234);

  @Test
  void aTerminalGetsOneBarRedrawnInPlace() {
    StringWriter text = new StringWriter();
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), true, Duration.ofSeconds(10));
    printer.update(HALF);
    printer.update(HALF);
    printer.finish(HALF);

    String out = text.toString();
    assertEquals("\r[###############...............] 512/1,024 rows (50%), 12.3 rows/s, ETA 2m05s, 3 errors, $0.0123\u001b[K", out.substring(0, out.indexOf("\u001b[K") + 3));
    assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one line, ended when the run ends");
    assertEquals(Duration.ofMillis(200), printer.interval());
  }

  @Test
  void elsewherePlainLinesWithoutControlCharacters() {
    StringWriter text = new StringWriter();
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), false, Duration.ofSeconds(7));
    printer.update(new EvalProgress.Snapshot(0, 10, 0, 0, Duration.ZERO, null, 0));
    printer.finish(HALF);

    String out = text.toString();
    assertFalse(out.contains("\r") || out.contains("\u001b"), out);
    assertTrue(out.startsWith("eval: 0/10 rows (0%), 0.0 rows/s, ETA ?, 0 errors, $0.0000\n"), out);
    assertTrue(out.endsWith("eval: 512/1,024 rows (50%), 12.3 rows/s, ETA 2m05s, 3 errors, $0.0123\n"), out);
    assertEquals(Duration.ofSeconds(7), printer.interval());
  }
}
