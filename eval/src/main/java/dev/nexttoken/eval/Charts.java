package dev.nexttoken.eval;

import java.util.List;
import java.util.Locale;

/**
 * The report's charts as inline SVG: no script, no network, so the page draws anywhere.
 *
 * <p>A histogram is an {@code svg.chart.histogram} whose bars are {@code rect.bar} carrying
 * {@code data-series}, {@code data-lower}, {@code data-upper} and {@code data-count}; the agreement
 * matrix an {@code svg.chart.agreement} of {@code rect.cell} carrying {@code data-a}, {@code data-b}
 * and {@code data-rate}. Each element has a {@code <title>} for the pointer.
 */
final class Charts {
  static final String[] COLORS = {"#4a7fc1", "#e08a2c", "#3a9a5b", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"};
  private static final int WIDTH = 560;
  private static final int HEIGHT = 220;
  private static final int PAD = 40;
  private static final int BINS = 20;

  private Charts() {}

  /** One series of a histogram: a name and its values. */
  record Series(String name, double[] values) {}

  /**
   * Overlaid histograms of {@code series} over {@value #BINS} equal bins from the smallest value to
   * the {@code clipQuantile} of all values (larger values fall in the last bin, which says so), so one
   * slow call does not squash the rest.
   */
  static String histogram(String kind, String axis, List<Series> series, double clipQuantile) {
    double[] all = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.values())).sorted().toArray();
    StringBuilder out = new StringBuilder(4096);
    out.append("<svg class=\"chart histogram\" data-chart=\"").append(kind).append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH + 2 * PAD).append("\" height=\"").append(HEIGHT + 2 * PAD).append("\" viewBox=\"0 0 ").append(WIDTH + 2 * PAD).append(' ')
        .append(HEIGHT + 2 * PAD).append("\" role=\"img\" aria-label=\"").append(html(axis)).append(" distribution\">\n");
    frame(out);
    if (all.length == 0) {
      out.append(text(PAD + WIDTH / 2.0, PAD + HEIGHT / 2.0, "middle", "no values")).append("</svg>\n");
      return out.toString();
    }
    double lo = all[0];
    double hi = all[Math.min(all.length - 1, (int) Math.ceil(clipQuantile * all.length) - 1)];
    if (hi <= lo) {
      hi = lo + 1;
    }
    double width = (hi - lo) / BINS;
    int[][] counts = new int[series.size()][BINS];
    int max = 1;
    for (int s = 0; s < series.size(); s++) {
      for (double v : series.get(s).values()) {
        int bin = (int) Math.min(BINS - 1, Math.max(0, Math.floor((v - lo) / width)));
        max = Math.max(max, ++counts[s][bin]);
      }
    }
    double slot = (double) WIDTH / BINS;
    double bar = slot / series.size();
    for (int s = 0; s < series.size(); s++) {
      for (int b = 0; b < BINS; b++) {
        if (counts[s][b] == 0) {
          continue;
        }
        double h = (double) counts[s][b] / max * HEIGHT;
        double lower = lo + b * width;
        boolean last = b == BINS - 1;
        out.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\""
                + " data-series=\"%s\" data-lower=\"%s\" data-upper=\"%s\" data-count=\"%d\"><title>%s: %d in [%s, %s)</title></rect>\n",
            PAD + b * slot + s * bar, PAD + HEIGHT - h, Math.max(1, bar - 1), h, COLORS[s % COLORS.length], html(series.get(s).name()),
            number(lower), last ? "" : number(lower + width), counts[s][b], html(series.get(s).name()), counts[s][b], number(lower),
            last ? "∞" : number(lower + width)));
      }
    }
    for (int i = 0; i <= 4; i++) {
      double v = lo + (hi - lo) * i / 4;
      out.append(text(PAD + WIDTH * i / 4.0, PAD + HEIGHT + 14, "middle", number(v) + (i == 4 ? "+" : "")));
    }
    out.append(text(PAD - 4, PAD + 4, "end", Integer.toString(max))).append(text(PAD - 4, PAD + HEIGHT, "end", "0"))
        .append(text(PAD + WIDTH / 2.0, PAD + HEIGHT + 32, "middle", axis));
    legend(out, series.stream().map(Series::name).toList());
    return out.append("</svg>\n").toString();
  }

  /** A matrix of the share of items two targets answered alike; the diagonal is 1 by definition. */
  static String agreement(List<String> targets, List<Summary.PairAgreement> pairs) {
    int n = targets.size();
    int cell = Math.max(28, Math.min(80, 320 / Math.max(1, n)));
    int left = 180;
    int top = 30;
    StringBuilder out = new StringBuilder(2048);
    int w = left + n * cell + 20;
    int h = top + n * cell + 20;
    out.append("<svg class=\"chart agreement\" data-chart=\"agreement\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
        .append("\" role=\"img\" aria-label=\"agreement between targets\">\n");
    for (int i = 0; i < n; i++) {
      out.append(text(left - 6, top + i * cell + cell / 2.0 + 4, "end", targets.get(i)));
      out.append(text(left + i * cell + cell / 2.0, top - 8, "middle", "#" + (i + 1)));
      for (int j = 0; j < n; j++) {
        Double rate = i == j ? Double.valueOf(1.0) : rate(pairs, targets.get(i), targets.get(j));
        String fill = rate == null ? "#eee" : String.format(Locale.ROOT, "hsl(%d,60%%,%d%%)", (int) (rate * 120), 85 - (int) (rate * 35));
        out.append(String.format(Locale.ROOT, "<rect class=\"cell\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\""
                + " data-a=\"%s\" data-b=\"%s\" data-rate=\"%s\"><title>%s vs %s: %s</title></rect>\n",
            left + j * cell, top + i * cell, cell, cell, fill, html(targets.get(i)), html(targets.get(j)), rate == null ? "" : rate,
            html(targets.get(i)), html(targets.get(j)), rate == null ? "no items in common" : percent(rate) + " same answer"));
        out.append(text(left + j * cell + cell / 2.0, top + i * cell + cell / 2.0 + 4, "middle", rate == null ? "–" : percent(rate)));
      }
    }
    return out.append("</svg>\n").toString();
  }

  private static Double rate(List<Summary.PairAgreement> pairs, String a, String b) {
    for (Summary.PairAgreement p : pairs) {
      if ((p.a().equals(a) && p.b().equals(b)) || (p.a().equals(b) && p.b().equals(a))) {
        return p.sameRate();
      }
    }
    return null;
  }

  private static void frame(StringBuilder out) {
    out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#888\"/>\n", PAD, PAD, WIDTH, HEIGHT));
  }

  private static void legend(StringBuilder out, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      int x = PAD + 8 + (i % 3) * 180;
      int y = 14 + (i / 3) * 14;
      out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y - 9, COLORS[i % COLORS.length]))
          .append(text(x + 14, y, "start", names.get(i))).append('\n');
    }
  }

  private static String text(double x, double y, String anchor, String content) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"11\">%s</text>", x, y, anchor, html(content));
  }

  static String number(double v) {
    if (Math.abs(v) >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
  }

  static String percent(double rate) {
    return String.format(Locale.ROOT, "%.0f%%", rate * 100);
  }

  static String html(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
