package dev.nexttoken.benchmarks;

import dev.nexttoken.benchmarks.Results.Metric;
import dev.nexttoken.benchmarks.Results.Row;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders latest.md: one row per metric, one column per client, ratios to the floor, targets. */
final class MarkdownReport {
  /**
   * A table row: scenario, metric, label, how values are shown (divisor), and nexttoken's target ratio
   * (null: reported, no target). Targets are issue 20's where it set one (stream and 64 callers ×1.15,
   * the Responses stream ×1.25, allocation ×1.5), issue 10's elsewhere. A Responses "event" is one of
   * its 2,000 text deltas; the stream's other events are charged to them.
   */
  record Line(String scenario, Metric metric, String label, double divisor, Double target, boolean absolute) {}

  static final List<Line> LINES = List.of(
      new Line("chat", Metric.CALLS_PER_S, "sequential chat with logprobs, calls/s", 1, 1.25, false),
      new Line("chat", Metric.CPU_US, "client CPU per chat call, µs", 1, 1.25, false),
      new Line("chat", Metric.ALLOC_BYTES, "allocation per chat call, KB", 1024, 1.5, false),
      new Line("stream", Metric.CHUNKS_PER_S, "streaming with logprobs, chunks/s", 1, 1.15, false),
      new Line("stream", Metric.CPU_US, "client CPU per stream chunk, µs", 1, 1.15, false),
      new Line("stream", Metric.ALLOC_BYTES, "allocation per stream chunk, KB", 1024, 1.5, false),
      new Line("stream", Metric.STUB_CPU_US, "stub CPU per stream chunk, µs", 1, 1.15, false),
      new Line("responses", Metric.CHUNKS_PER_S, "Responses stream with logprobs, events/s", 1, 1.25, false),
      new Line("responses", Metric.CPU_US, "client CPU per Responses event, µs", 1, 1.25, false),
      new Line("responses", Metric.ALLOC_BYTES, "allocation per Responses event, KB", 1024, 1.5, false),
      new Line("concurrent64", Metric.CALLS_PER_S, "64 concurrent callers, calls/s", 1, 1.15, false),
      new Line("concurrent64", Metric.CPU_US, "client CPU per concurrent call, µs", 1, 1.25, false),
      new Line("concurrent64", Metric.ALLOC_BYTES, "allocation per concurrent call, KB", 1024, 1.5, false),
      new Line("concurrent64", Metric.CONNECTIONS_PER_1K, "connections opened per 1,000 concurrent calls", 1, null, true),
      new Line("legacy", Metric.CALLS_PER_S, "legacy completions logprobs=5, calls/s", 1, 1.25, false),
      new Line("legacy", Metric.CPU_US, "client CPU per legacy call, µs", 1, 1.25, false),
      new Line("legacy", Metric.ALLOC_BYTES, "allocation per legacy call, KB", 1024, 1.5, false),
      new Line("coldstart", Metric.WALL_MS, "cold start: new JVM, first chat call, exit, ms", 1, 1.3, false),
      new Line("classpath", Metric.MB, "runtime classpath, MB", 1, 8.0, true));

  private MarkdownReport() {}

  static String render(Results results, List<String> clients, Map<String, String> header, String ceiling,
      String tableSection, String classpathSection) {
    return render(results, clients, header, ceiling, "", tableSection, classpathSection);
  }

  /** The same, with {@code comparisonSection} ({@link #comparison}, or empty) right after the main table. */
  static String render(Results results, List<String> clients, Map<String, String> header, String ceiling,
      String comparisonSection, String tableSection, String classpathSection) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks: the client-side cost of a call, side by side\n\n");
    header.forEach((k, v) -> md.append("- **").append(k).append("**: ").append(v).append('\n'));
    md.append("- **stub ceiling** (a client that reads the bytes and parses nothing): ").append(ceiling).append("\n\n");
    md.append("| metric |");
    for (String c : clients) {
      md.append(' ').append(c).append(" |");
    }
    md.append(" nexttoken target |\n|---|");
    md.append("---|".repeat(clients.size() + 1)).append('\n');
    for (Line line : LINES) {
      md.append("| ").append(line.label()).append(" |");
      Row mine = null;
      for (String c : clients) {
        Row row = results.row(c, line.scenario(), line.metric());
        if (c.equals("nexttoken")) {
          mine = row;
        }
        md.append(' ').append(cell(row, line, c)).append(" |");
      }
      md.append(' ').append(verdict(mine, line)).append(" |\n");
    }
    md.append("\nRatios are costs against the floor, measured side by side in each round (median over rounds): "
        + "×2.00 means half the floor's throughput, or twice its CPU, bytes, milliseconds or megabytes. "
        + "CPU is the client JVM's process CPU time (every thread: callers, HTTP, GC, JIT) per call or chunk; "
        + "a Responses event is one of the stream's 2,000 text deltas, the opening and closing events (the closing four repeat "
        + "every logprob, most of the stream's bytes) charged to them; "
        + "the stub's CPU is the stub process's, per chunk the client read (the same bytes, served to each client's way of reading); "
        + "connections are those the stub accepted (after warm-up a pool that keeps enough idle connections opens none); "
        + "allocation is JMH's `gc.alloc.rate.norm`. Every call of every client is checked against the canned "
        + "data: content, each token's logprob and each top logprob.\n\n");
    md.append(comparisonSection).append(tableSection).append('\n').append(classpathSection);
    return md.toString();
  }

  /**
   * The before/after section: per metric both nexttokens (with their ratios to the floor), the cost
   * ratio current/baseline of every round and its median. {@code comparisons} are in {@link #LINES} order.
   */
  static String comparison(Results results, String current, String baseline, String provenance, List<Results.Comparison> comparisons) {
    StringBuilder md = new StringBuilder("## Before/after: ").append(current).append(" (working tree) against ")
        .append(baseline).append("\n\n").append(provenance).append("\n\n| metric | ").append(baseline).append(" | ")
        .append(current).append(" | ").append(current).append(" / ").append(baseline)
        .append(" per round | median |\n|---|---|---|---|---|\n");
    for (Results.Comparison c : comparisons) {
      Line line = line(c.scenario(), c.metric());
      StringBuilder rounds = new StringBuilder();
      for (Double r : c.perRound()) {
        rounds.append(rounds.length() == 0 ? "" : ", ").append(r == null ? "–" : Results.ratio(r));
      }
      md.append("| ").append(line.label()).append(" | ")
          .append(cell(results.row(baseline, c.scenario(), c.metric()), line, baseline)).append(" | ")
          .append(cell(results.row(current, c.scenario(), c.metric()), line, current)).append(" | ")
          .append(rounds).append(" | ").append(c.ratio() == null ? "" : "**" + Results.ratio(c.ratio()) + "**").append(" |\n");
    }
    md.append("\nThe last two columns are costs of the working tree over the baseline, taken between the two "
        + "nexttokens measured side by side in the same round (cold start: in the same start of every client): "
        + "above ×1.00 the working tree is slower or costs more. Both ran in their own forks on their own "
        + "classpaths, client order rotated with the others.\n\n");
    return md.toString();
  }

  static Line line(String scenario, Metric metric) {
    for (Line line : LINES) {
      if (line.scenario().equals(scenario) && line.metric() == metric) {
        return line;
      }
    }
    throw new IllegalArgumentException("no report line for " + scenario + " " + metric);
  }

  private static String cell(Row row, Line line, String client) {
    if (row == null) {
      return "";
    }
    if (row.value() == null) {
      return "n/a (no API)";
    }
    String value = Results.format(row.value() / line.divisor());
    return client.equals(Results.FLOOR) || row.ratioToFloor() == null || line.target() == null ? value : value + " (" + Results.ratio(row.ratioToFloor()) + ")";
  }

  private static String verdict(Row row, Line line) {
    if (line.target() == null) {
      return "(reported)";
    }
    String limit = line.absolute()
        ? String.format(Locale.ROOT, "< %.0f MB", line.target())
        : String.format(Locale.ROOT, "≤ ×%.2f", line.target());
    if (row == null || row.value() == null) {
      return limit;
    }
    double actual = line.absolute() ? row.value() : row.ratioToFloor() == null ? Double.NaN : row.ratioToFloor();
    boolean met = line.absolute() ? actual < line.target() : actual <= line.target();
    return limit + (met ? ": met" : ": **missed**");
  }
}
