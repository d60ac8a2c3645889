package dev.nexttoken.logprob;

import static dev.nexttoken.logprob.TokenText.html;

import java.util.Locale;

/**
 * A {@link Calibration} as a self-contained HTML page: the figures, a reliability diagram (an inline
 * SVG, so it opens offline and requests nothing) and the bins as a table.
 *
 * <p>In the diagram each non-empty bin is a bar as high as its accuracy, with a line at its mean
 * confidence; a calibrated model's bars reach the diagonal. Each bar is a {@code rect.bin} carrying
 * {@code data-lower}, {@code data-upper}, {@code data-count}, {@code data-confidence} and
 * {@code data-accuracy}.
 */
final class ReliabilityDiagram {
  private static final int SIZE = 320;
  private static final int PAD = 40;

  private ReliabilityDiagram() {}

  static String page(Calibration c, String title) {
    StringBuilder out = new StringBuilder(4096);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(html(title))
        .append("</title>\n<style>\nbody{font-family:system-ui,sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
            + "svg text{font-size:11px}\n</style></head>\n<body>\n<h1>").append(html(title)).append("</h1>\n")
        .append("<p class=\"figures\">").append(c.n()).append(" items: accuracy ").append(fixed(c.accuracy()))
        .append(", expected calibration error ").append(fixed(c.ece()))
        .append(", Brier score ").append(fixed(c.brier()))
        .append(", fitted temperature ").append(fixed(c.temperature())).append("</p>\n");
    appendDiagram(out, c);
    out.append("<table class=\"bins\"><thead><tr><th>bin</th><th>items</th><th>confidence</th><th>accuracy</th></tr></thead><tbody>\n");
    for (CalibrationBin b : c.bins()) {
      boolean last = b == c.bins().get(c.bins().size() - 1); // the last bin holds 1.0 too
      out.append("<tr><td>[").append(fixed(b.lower())).append(", ").append(fixed(b.upper())).append(last ? "]" : ")").append("</td><td>").append(b.count())
          .append("</td><td>").append(b.confidence() == null ? "–" : fixed(b.confidence()))
          .append("</td><td>").append(b.accuracy() == null ? "–" : fixed(b.accuracy())).append("</td></tr>\n");
    }
    return out.append("</tbody></table>\n</body></html>\n").toString();
  }

  static String svg(Calibration c) {
    StringBuilder out = new StringBuilder(2048);
    appendDiagram(out, c);
    return out.toString();
  }

  private static void appendDiagram(StringBuilder out, Calibration c) {
    int full = SIZE + 2 * PAD;
    out.append("<svg class=\"reliability\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(full).append("\" height=\"").append(full)
        .append("\" viewBox=\"0 0 ").append(full).append(' ').append(full).append("\" role=\"img\" aria-label=\"reliability diagram\">\n")
        .append("<rect x=\"").append(PAD).append("\" y=\"").append(PAD).append("\" width=\"").append(SIZE).append("\" height=\"").append(SIZE)
        .append("\" fill=\"#fafafa\" stroke=\"#888\"/>\n");
    for (CalibrationBin b : c.bins()) {
      if (b.count() == 0) {
        continue;
      }
      double x = x(b.lower());
      double width = x(b.upper()) - x;
      double top = y(b.accuracy());
      out.append(String.format(Locale.ROOT,
          "<rect class=\"bin\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7fc1\" fill-opacity=\"0.75\" stroke=\"#fff\""
              + " data-lower=\"%s\" data-upper=\"%s\" data-count=\"%d\" data-confidence=\"%s\" data-accuracy=\"%s\">"
              + "<title>%d items, confidence %s, accuracy %s</title></rect>\n",
          x, top, width, y(0) - top, b.lower(), b.upper(), b.count(), b.confidence(), b.accuracy(),
          b.count(), fixed(b.confidence()), fixed(b.accuracy())));
      out.append(String.format(Locale.ROOT, "<line class=\"confidence\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d33\" stroke-width=\"2\"/>\n",
          x, x + width, y(b.confidence()), y(b.confidence())));
    }
    out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n",
        PAD, PAD + SIZE, PAD + SIZE, PAD));
    for (int i = 0; i <= 4; i++) {
      double v = i / 4.0;
      // Tick labels in a small font, so the y ticks leave room for the rotated axis label left of them.
      out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%.2f</text>", x(v), PAD + SIZE + 14, v))
          .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.2f</text>\n", PAD - 4, y(v) + 4, v));
    }
    out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">confidence (top label's probability)</text>", PAD + SIZE / 2, full - 6))
        .append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-size=\"12\" transform=\"rotate(-90 10 %d)\" text-anchor=\"middle\">accuracy</text>\n",
            PAD + SIZE / 2, PAD + SIZE / 2))
        .append("</svg>\n");
  }

  private static double x(double v) {
    return PAD + v * SIZE;
  }

  private static double y(double v) {
    return PAD + (1 - v) * SIZE;
  }

  private static String fixed(double v) {
    return TokenText.fixed(v);
  }
}
