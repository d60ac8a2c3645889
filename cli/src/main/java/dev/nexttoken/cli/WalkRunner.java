package dev.nexttoken.cli;

import dev.nexttoken.logprob.TextRenderer;
import dev.nexttoken.logprob.WalkResult;
import java.io.PrintWriter;

/** Prints a walk in the chosen format (shared by {@code walk} and {@code demo}). */
final class WalkRunner {
  private final PrintWriter out;
  private final boolean color;

  WalkRunner(PrintWriter out, boolean color) {
    this.out = out;
    this.color = color;
  }

  void print(WalkResult result, OutputFormat format, String htmlFile) {
    switch (format) {
      case table -> out.print(new TextRenderer(color, 5).render(result));
      case text -> out.println(result.text());
      case html -> ReportFile.write(format.tableFormat().renderer().render(result), htmlFile, out);
      default -> out.print(format.tableFormat().renderer().render(result));
    }
    out.flush();
  }
}
