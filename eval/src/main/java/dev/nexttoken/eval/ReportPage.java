package dev.nexttoken.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code report.html}: the run's figures as one self-contained page. */
final class ReportPage {
  private ReportPage() {}

  static void write(Path file, Summary summary, Path results, List<EvalItem> items, EvalOutcome outcome) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>nexttoken evaluation</title></head><body>\n");
    out.append("<h1>nexttoken evaluation</h1>\n</body></html>\n");
    try {
      Files.writeString(file, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
