package dev.nexttoken.cli;

import dev.nexttoken.logprob.TextRenderer;
import dev.nexttoken.logprob.WalkResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
      case html -> {
        Path file = Path.of(htmlFile);
        try {
          Files.writeString(file, format.tableFormat().renderer().render(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
        out.println("wrote " + file.toAbsolutePath());
      }
      default -> out.print(format.tableFormat().renderer().render(result));
    }
    out.flush();
  }
}
