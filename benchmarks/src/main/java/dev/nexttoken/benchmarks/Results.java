package dev.nexttoken.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every sample of a run, and the two reports made from them. A value is the median over rounds; its
 * ratio to the floor is the median of the per-round ratios, each taken between runs made side by side
 * in the same round. Ratios are costs: above 1 is worse than the floor.
 */
final class Results {
  /** A metric: its name in the JSON schema, its label, and whether more is better. */
  enum Metric {
    CALLS_PER_S("calls_per_s", true),
    CHUNKS_PER_S("chunks_per_s", true),
    CPU_US("cpu_us", false),
    /** The stub process's CPU per call or chunk: the server's work a client's way of reading causes. */
    STUB_CPU_US("stub_cpu_us", false),
    /** Connections the stub accepted per 1,000 calls: a pool that keeps too few idle connections opens more. */
    CONNECTIONS_PER_1K("connections_per_1k_calls", false),
    ALLOC_BYTES("alloc_bytes", false),
    WALL_MS("wall_ms", false),
    MB("mb", false),
    CANDIDATES_PER_S("candidates_per_s", true);

    final String json;
    final boolean higherIsBetter;

    Metric(String json, boolean higherIsBetter) {
      this.json = json;
      this.higherIsBetter = higherIsBetter;
    }
  }

  /** One measured value. */
  record Sample(int round, String client, String scenario, Metric metric, double value) {}

  /** One row of latest.json; value and ratio are null where the client has no such API. */
  record Row(String client, String scenario, Metric metric, Double value, Double ratioToFloor) {}

  /**
   * Before/after for one scenario and metric: both clients' values (medians over rounds) and the cost
   * ratio current/baseline of each round (null where either is missing) and its median (null when no
   * round has both). Above 1 the current code costs more than the baseline: a regression.
   */
  record Comparison(String scenario, Metric metric, Double current, Double baseline, List<Double> perRound, Double ratio) {}

  static final String FLOOR = "floor";

  private final List<Sample> samples = new ArrayList<>();
  private final List<Row> unsupported = new ArrayList<>();

  void add(int round, String client, String scenario, Metric metric, double value) {
    samples.add(new Sample(round, client, scenario, metric, value));
  }

  /** Records that {@code client} has no API for {@code scenario}: its rows say n/a. */
  void unsupported(String client, String scenario, Metric... metrics) {
    for (Metric m : metrics) {
      unsupported.add(new Row(client, scenario, m, null, null));
    }
  }

  /** The rows, in the order scenarios and metrics were first measured, clients in {@code clients} order. */
  List<Row> rows(List<String> clients) {
    Map<String, List<Metric>> order = new LinkedHashMap<>();
    for (Sample s : samples) {
      List<Metric> metrics = order.computeIfAbsent(s.scenario(), k -> new ArrayList<>());
      if (!metrics.contains(s.metric())) {
        metrics.add(s.metric());
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<Metric>> e : order.entrySet()) {
      for (Metric metric : e.getValue()) {
        for (String client : clients) {
          Row row = row(client, e.getKey(), metric);
          if (row != null) {
            rows.add(row);
          }
        }
      }
    }
    return rows;
  }

  /** The row of one client, scenario and metric, or null when neither measured nor unsupported. */
  Row row(String client, String scenario, Metric metric) {
    for (Row u : unsupported) {
      if (u.client().equals(client) && u.scenario().equals(scenario) && u.metric() == metric) {
        return u;
      }
    }
    Map<Integer, Double> mine = byRound(client, scenario, metric);
    if (mine.isEmpty()) {
      return null;
    }
    Map<Integer, Double> ratios = ratios(client, FLOOR, scenario, metric);
    return new Row(client, scenario, metric, median(mine.values()), ratios.isEmpty() ? null : median(ratios.values()));
  }

  /**
   * {@code current} against {@code baseline}, round by round as the floor ratios are; {@code rounds} is
   * the number of rounds to report (the per-round list always has that length).
   */
  Comparison compare(String current, String baseline, String scenario, Metric metric, int rounds) {
    Map<Integer, Double> ratios = ratios(current, baseline, scenario, metric);
    List<Double> perRound = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      perRound.add(ratios.get(round));
    }
    Map<Integer, Double> now = byRound(current, scenario, metric);
    Map<Integer, Double> before = byRound(baseline, scenario, metric);
    return new Comparison(scenario, metric, now.isEmpty() ? null : median(now.values()),
        before.isEmpty() ? null : median(before.values()), perRound, ratios.isEmpty() ? null : median(ratios.values()));
  }

  /** Per round in which both were measured, the cost of {@code client} over the cost of {@code reference}. */
  private Map<Integer, Double> ratios(String client, String reference, String scenario, Metric metric) {
    Map<Integer, Double> mine = byRound(client, scenario, metric);
    Map<Integer, Double> theirs = byRound(reference, scenario, metric);
    Map<Integer, Double> ratios = new TreeMap<>();
    for (Map.Entry<Integer, Double> e : mine.entrySet()) {
      Double r = theirs.get(e.getKey());
      if (r != null && r != 0 && e.getValue() != 0) { // a count the floor keeps at 0 has no ratio
        ratios.put(e.getKey(), metric.higherIsBetter ? r / e.getValue() : e.getValue() / r);
      }
    }
    return ratios;
  }

  private Map<Integer, Double> byRound(String client, String scenario, Metric metric) {
    Map<Integer, List<Double>> lists = new TreeMap<>();
    for (Sample s : samples) {
      if (s.client().equals(client) && s.scenario().equals(scenario) && s.metric() == metric) {
        lists.computeIfAbsent(s.round(), k -> new ArrayList<>()).add(s.value());
      }
    }
    Map<Integer, Double> medians = new TreeMap<>();
    lists.forEach((round, values) -> medians.put(round, median(values)));
    return medians;
  }

  static double median(java.util.Collection<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** Writes {@code {"date","machine","mode","rows":[…]}}, exactly the schema of issue 10. */
  void writeJson(Path file, String date, String machine, String mode, List<String> clients) throws IOException {
    writeJson(file, date, machine, mode, clients, null, List.of());
  }

  /**
   * The same, and with a baseline two more keys after {@code rows}: {@code baseline} (what it was built
   * from) and {@code comparison}, one entry per compared metric: {@code {"scenario","metric","current",
   * "baseline","ratioPerRound":[…],"ratio"}}, ratios being costs current/baseline (above 1: regression).
   */
  void writeJson(Path file, String date, String machine, String mode, List<String> clients, Map<String, Object> baseline,
      List<Comparison> comparisons) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("date", date);
    root.put("machine", machine);
    root.put("mode", mode);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Row r : rows(clients)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("client", r.client());
      m.put("scenario", r.scenario());
      m.put("metric", r.metric().json);
      m.put("value", r.value() == null ? null : round(r.value()));
      m.put("ratioToFloor", r.ratioToFloor() == null ? null : round(r.ratioToFloor()));
      rows.add(m);
    }
    root.put("rows", rows);
    if (baseline != null) {
      root.put("baseline", baseline);
      List<Map<String, Object>> entries = new ArrayList<>();
      for (Comparison c : comparisons) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", c.scenario());
        m.put("metric", c.metric().json);
        m.put("current", c.current() == null ? null : round(c.current()));
        m.put("baseline", c.baseline() == null ? null : round(c.baseline()));
        m.put("ratioPerRound", c.perRound().stream().map(r -> r == null ? null : round(r)).toList());
        m.put("ratio", c.ratio() == null ? null : round(c.ratio()));
        entries.add(m);
      }
      root.put("comparison", entries);
    }
    Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
  }

  private static double round(double v) {
    double magnitude = Math.abs(v);
    double scale = magnitude >= 100 ? 1 : magnitude >= 1 ? 100 : 1000;
    return Math.round(v * scale) / scale;
  }

  /** A number for a table: thousands separated, few decimals. */
  static String format(double v) {
    if (Double.isNaN(v)) {
      return "?";
    }
    double magnitude = Math.abs(v);
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String ratio(Double r) {
    return r == null ? "" : String.format(Locale.ROOT, "×%.2f", r);
  }
}
