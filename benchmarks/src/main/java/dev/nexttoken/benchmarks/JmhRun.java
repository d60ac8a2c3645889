package dev.nexttoken.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One JMH invocation in its own process, and the scores read back from its JSON result file. */
final class JmhRun {
  /** JMH's allocation per operation, from {@code -prof gc}. */
  static final String ALLOC = "gc.alloc.rate.norm";

  /** Warm-up and measurement settings. */
  record Timing(int warmups, int warmupSeconds, int iterations, int iterationSeconds) {
    List<String> args() {
      return List.of("-f", "1", "-wi", Integer.toString(warmups), "-w", warmupSeconds + "s",
          "-i", Integer.toString(iterations), "-r", iterationSeconds + "s");
    }
  }

  /** One benchmark's result: its parameters, primary score and secondary scores by name. */
  record Score(Map<String, String> params, double score, Map<String, Double> secondary) {
    double secondary(String name) {
      Double value = secondary.get(name);
      return value == null ? Double.NaN : value;
    }
  }

  private JmhRun() {}

  /**
   * Runs JMH on {@code classpath} for the benchmarks matching {@code include}; output goes to
   * {@code log}, results to {@code json}.
   */
  static List<Score> run(Procs procs, String classpath, String include, List<String> params, Timing timing,
      List<String> jvmArgs, Path json, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(Procs.java(), "-cp", classpath, "org.openjdk.jmh.Main", include));
    for (String p : params) {
      command.add("-p");
      command.add(p);
    }
    command.addAll(timing.args());
    command.addAll(List.of("-prof", "gc", "-prof", CpuProfiler.class.getName(), "-rf", "json", "-rff", json.toString()));
    command.add("-jvmArgs");
    command.add(String.join(" ", jvmArgs));
    procs.run(command, log);
    return read(json);
  }

  static List<Score> read(Path json) throws IOException {
    List<Score> scores = new ArrayList<>();
    for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
      Map<String, String> params = new java.util.TreeMap<>();
      b.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      Map<String, Double> secondary = new java.util.TreeMap<>();
      b.path("secondaryMetrics").properties().forEach(e -> secondary.put(e.getKey(), e.getValue().path("score").asDouble()));
      scores.add(new Score(params, b.path("primaryMetric").path("score").asDouble(), secondary));
    }
    return scores;
  }
}
