package dev.nexttoken.benchmarks;

import dev.nexttoken.benchmarks.JmhRun.Score;
import dev.nexttoken.benchmarks.JmhRun.Timing;
import dev.nexttoken.benchmarks.Results.Metric;
import dev.nexttoken.benchmarks.clients.Clients;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs everything and writes the reports: starts the stub in its own process, self-checks every
 * client, measures the stub's ceiling, runs each scenario for each client in its own JMH fork on that
 * client's own runtime classpath (client order rotated every round), rebuilds probability tables,
 * times cold starts and sums classpaths.
 *
 * <p>Usage: {@code BenchmarkSuite quick|full|smoke <classesDir> <classpathDir> <resultsDir> <workDir>
 * [<baselineClient>]}, where {@code classpathDir} holds {@code <client>.txt} (path-separated jars) for
 * every compared client and {@code jmh.txt}; {@code benchmarks/run.sh} prepares all of them. A
 * baseline client ({@code nexttoken@<sha>}) is one more client, measured right after {@code nexttoken}
 * in every rotation; its {@code <client>.overlay} names the classes compiled against its jars, which go
 * first on its classpath, and its {@code <client>.provenance} what it was built from.
 */
public final class BenchmarkSuite {
  /** What a mode runs. */
  record Mode(String name, int rounds, Timing clients, Timing ceiling, Timing table, int coldStarts) {}

  static final Mode QUICK = new Mode("quick", 1, new Timing(2, 2, 2, 2), new Timing(1, 2, 2, 2), new Timing(1, 1, 2, 1), 3);
  static final Mode FULL = new Mode("full", 3, new Timing(6, 3, 3, 4), new Timing(2, 2, 3, 3), new Timing(2, 2, 3, 2), 7);
  /** Shows that everything runs and reports; its figures measure nothing. */
  static final Mode SMOKE = new Mode("smoke", 1, new Timing(1, 1, 1, 1), new Timing(1, 1, 1, 1), new Timing(0, 1, 1, 1), 2);

  private static final List<String> SCENARIOS = List.of("chat", "stream", "responses", "concurrent64", "legacy");
  private static final List<String> JVM_ARGS = List.of("-Xms1g", "-Xmx1g");

  private final Mode mode;
  private final Path classes;
  private final Path classpaths;
  private final Path resultsDir;
  private final Path work;
  /** The baseline client, e.g. {@code nexttoken@6ede746}, or null. */
  private final String baseline;
  /** {@link Clients#COMPARED}, with the baseline right after nexttoken when there is one. */
  private final List<String> compared;
  private final Procs procs = new Procs(20);
  private final Results results = new Results();
  private final List<String> failures = new ArrayList<>();
  /** Per client, the scenarios its self-check said it has no API for. */
  private final Map<String, Set<String>> noApi = new LinkedHashMap<>();
  private String baseUrl;

  private BenchmarkSuite(Mode mode, Path classes, Path classpaths, Path resultsDir, Path work, String baseline) {
    this.mode = mode;
    this.classes = classes;
    this.classpaths = classpaths;
    this.resultsDir = resultsDir;
    this.work = work;
    this.baseline = baseline;
    this.compared = withBaseline(Clients.COMPARED, baseline);
  }

  /** {@code clients} with {@code baseline} inserted right after {@code nexttoken}; unchanged when null. */
  static List<String> withBaseline(List<String> clients, String baseline) {
    List<String> out = new ArrayList<>(clients);
    if (baseline != null) {
      out.add(out.indexOf("nexttoken") + 1, baseline);
    }
    return List.copyOf(out);
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5 && args.length != 6) {
      System.err.println("usage: BenchmarkSuite quick|full|smoke <classesDir> <classpathDir> <resultsDir> <workDir> [<baselineClient>]");
      System.exit(2);
    }
    Mode mode = switch (args[0]) {
      case "quick" -> QUICK;
      case "full" -> FULL;
      case "smoke" -> SMOKE;
      default -> throw new IllegalArgumentException("mode must be quick, full or smoke, was " + args[0]);
    };
    Path work = Path.of(args[4]);
    Files.createDirectories(work.resolve("logs"));
    Files.createDirectories(Path.of(args[3]));
    new BenchmarkSuite(mode, Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), work, args.length == 6 ? args[5] : null).run();
  }

  private void run() throws Exception {
    long started = System.nanoTime();
    Process stub = startStub();
    try {
      for (String client : compared) {
        progress("self-check " + client);
        procs.run(List.of(Procs.java(), "-cp", classpath(client), SelfCheck.class.getName(), client, baseUrl), log("selfcheck-" + client));
        List<String> lines = Files.readAllLines(log("selfcheck-" + client));
        noApi.put(client, noApi(client, lines));
        for (String line : lines) {
          // Where each nexttoken's client and library classes came from (the proof a baseline ran its own
          // code), and what a client has no API for.
          if ((client.startsWith("nexttoken") && line.contains(" from ")) || line.contains(SelfCheck.NO_API)) {
            progress("  " + line);
          }
        }
      }
      String ceiling = measureCeiling();
      for (int round = 0; round < mode.rounds(); round++) {
        for (String scenario : SCENARIOS) {
          for (String client : rotated(compared, round)) {
            if (!noApi.get(client).contains(scenario)) {
              measure(round, scenario, client);
            }
          }
        }
      }
      noApi.forEach((client, scenarios) -> scenarios.forEach(scenario ->
          results.unsupported(client, scenario, metrics(scenario).toArray(new Metric[0]))));
      String tableSection = measureTables();
      measureColdStarts();
      String classpathSection = measureClasspaths();
      write(ceiling, tableSection, classpathSection, started);
    } finally {
      stub.destroy();
      stub.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process startStub() throws IOException, InterruptedException {
    Path portFile = work.resolve("stub.port");
    Files.deleteIfExists(portFile);
    Process stub = new ProcessBuilder(Procs.java(), "-Xmx256m", "-cp", classes.toString(), "dev.nexttoken.benchmarks.stub.StubServer", portFile.toString())
        .redirectErrorStream(true).redirectOutput(log("stub").toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(stub::destroy));
    for (int i = 0; i < 300 && !Files.exists(portFile); i++) {
      if (!stub.isAlive()) {
        throw new IOException("the stub exited; see " + log("stub"));
      }
      Thread.sleep(100); // polling a child process's start; nothing to synchronise on across processes
    }
    String port = Files.readString(portFile).trim();
    baseUrl = "http://127.0.0.1:" + port + "/v1";
    progress("stub on " + baseUrl);
    return stub;
  }

  private String measureCeiling() throws IOException {
    progress("stub ceiling");
    String cp = classes + File.pathSeparator + read("jmh");
    Map<String, Double> scores = new LinkedHashMap<>();
    for (String scenario : List.of("chat", "stream", "responses", "concurrent64")) {
      List<Score> s = JmhRun.run(procs, cp, "ClientBenchmark\\." + scenario + "$", List.of("client=raw"), mode.ceiling(),
          jvmArgs(), work.resolve("ceiling-" + scenario + ".json"), log("ceiling-" + scenario));
      scores.put(scenario, s.get(0).score());
    }
    return String.format(Locale.ROOT, "%s chat calls/s sequential, %s chunks/s streamed, %s Responses events/s streamed, %s calls/s with 64 callers",
        Results.format(scores.get("chat")), Results.format(scores.get("stream")), Results.format(scores.get("responses")),
        Results.format(scores.get("concurrent64")));
  }

  private void measure(int round, String scenario, String client) throws IOException {
    progress("round " + (round + 1) + "/" + mode.rounds() + ": " + scenario + " " + client);
    String name = "r" + round + "-" + scenario + "-" + client;
    List<Score> scores = JmhRun.run(procs, classpath(client), "ClientBenchmark\\." + scenario + "$", List.of("client=" + client),
        timing(scenario), jvmArgs(), work.resolve(name + ".json"), log(name));
    if (scores.isEmpty()) {
      // JMH exits 0 when a benchmark throws; one failed fork should not cost the whole run.
      progress("FAILED, see " + log(name));
      failures.add(name + " (" + log(name).getFileName() + ")");
      return;
    }
    Score s = scores.get(0);
    for (Metric metric : metrics(scenario)) {
      results.add(round, client, scenario, metric, switch (metric) {
        case CALLS_PER_S, CHUNKS_PER_S -> s.score();
        case CPU_US -> s.secondary(CpuProfiler.METRIC);
        case ALLOC_BYTES -> s.secondary(JmhRun.ALLOC);
        case STUB_CPU_US -> s.secondary(CpuProfiler.STUB_CPU);
        case CONNECTIONS_PER_1K -> s.secondary(CpuProfiler.STUB_CONNECTIONS);
        default -> throw new IllegalStateException("not a JMH metric: " + metric);
      });
    }
  }

  /**
   * The mode's client timing; 64 callers get twice the warm-up. Their 64 busy threads leave the JIT's
   * compiler threads a small share of 2 cores, and both OkHttp clients were still speeding up 30 s in
   * (floor 2,205 → 4,318 calls/s over five measured iterations after 6 × 5 s of warm-up, 2026-12-02),
   * so a short warm-up measured how fast a client compiles rather than how fast it runs.
   */
  Timing timing(String scenario) {
    Timing t = mode.clients();
    return scenario.equals("concurrent64") ? new Timing(t.warmups() * 2, t.warmupSeconds(), t.iterations(), t.iterationSeconds()) : t;
  }

  /**
   * What a scenario records, in order: throughput (per chunk or event for the two streams), CPU and
   * allocation; the streams the stub's CPU too, 64 callers the connections they made the stub accept.
   */
  static List<Metric> metrics(String scenario) {
    return switch (scenario) {
      case "stream", "responses" -> List.of(Metric.CHUNKS_PER_S, Metric.CPU_US, Metric.ALLOC_BYTES, Metric.STUB_CPU_US);
      case "concurrent64" -> List.of(Metric.CALLS_PER_S, Metric.CPU_US, Metric.ALLOC_BYTES, Metric.CONNECTIONS_PER_1K);
      default -> List.of(Metric.CALLS_PER_S, Metric.CPU_US, Metric.ALLOC_BYTES);
    };
  }

  /** The scenarios a self-check's output says {@code client} has no API for ({@link SelfCheck#NO_API}). */
  static Set<String> noApi(String client, List<String> selfCheckLines) {
    Set<String> scenarios = new LinkedHashSet<>();
    String prefix = client + SelfCheck.NO_API;
    for (String line : selfCheckLines) {
      if (line.startsWith(prefix)) {
        scenarios.add(line.substring(prefix.length()).trim());
      }
    }
    return scenarios;
  }

  private String measureTables() throws IOException {
    progress("probability tables");
    List<Score> scores = JmhRun.run(procs, classpath("nexttoken"), "TableBenchmark", List.of(), mode.table(), jvmArgs(),
        work.resolve("table.json"), log("table"));
    StringBuilder md = new StringBuilder("## Probability-table rebuild (nexttoken core, `ProbabilityTable.of`)\n\n"
        + "Candidates/s (tables/s × positions × k) and bytes allocated per candidate; one row per sequence length, "
        + "one column per alternatives per position (k).\n\n| positions |");
    List<String> ks = scores.stream().map(s -> s.params().get("k")).distinct().sorted((a, b) -> Integer.parseInt(a) - Integer.parseInt(b)).toList();
    List<String> ps = scores.stream().map(s -> s.params().get("positions")).distinct().sorted((a, b) -> Integer.parseInt(a) - Integer.parseInt(b)).toList();
    for (String k : ks) {
      md.append(" k=").append(k).append(" |");
    }
    md.append("\n|---|").append("---|".repeat(ks.size())).append('\n');
    for (String p : ps) {
      md.append("| ").append(p).append(" |");
      for (String k : ks) {
        for (Score s : scores) {
          if (s.params().get("positions").equals(p) && s.params().get("k").equals(k)) {
            double candidates = Integer.parseInt(p) * (double) Integer.parseInt(k);
            md.append(' ').append(Results.format(s.score() * candidates)).append(" (")
                .append(Results.format(s.secondary(JmhRun.ALLOC) / candidates)).append(" B) |");
            if (p.equals("64") && k.equals("5")) {
              results.add(0, "nexttoken", "table", Metric.CANDIDATES_PER_S, s.score() * candidates);
            }
          }
        }
      }
      md.append('\n');
    }
    md.append("\nlatest.json carries the 64 × 5 cell (the shape of the canned chat answer) as the `table` row.\n");
    return md.toString();
  }

  private void measureColdStarts() throws IOException {
    for (String client : compared) {
      // One unmeasured start per client, so every measured start finds its jars in the page cache.
      procs.run(coldStart(client), log("coldstart-" + client));
    }
    for (int i = 0; i < mode.coldStarts(); i++) {
      for (String client : rotated(compared, i)) {
        progress("cold start " + (i + 1) + "/" + mode.coldStarts() + " " + client);
        // Each start is its own round of side-by-side samples; the report takes medians over them.
        results.add(i, client, "coldstart", Metric.WALL_MS, procs.timed(coldStart(client), log("coldstart-" + client)));
      }
    }
  }

  private List<String> coldStart(String client) throws IOException {
    return List.of(Procs.java(), "-cp", classpath(client), ColdStart.class.getName(), client, baseUrl);
  }

  private String measureClasspaths() throws IOException {
    StringBuilder md = new StringBuilder("## Runtime classpaths\n\nWhat a user of each client gets from Maven "
        + "(resolved from `benchmarks/classpaths/<client>/pom.xml`, no BOM of ours in between):\n\n");
    if (baseline != null) {
      md.append("With a baseline, both nexttokens are not resolved from `classpaths/nexttoken/pom.xml` but built with "
          + "`package` (nothing installed): each gets its own build's `nexttoken-openai` jar and that build's resolved runtime "
          + "classpath (core and the third-party jars).\n\n");
    }
    for (String client : compared) {
      long bytes = 0;
      List<String> jars = new ArrayList<>();
      for (String jar : read(client).split(File.pathSeparator)) {
        if (!jar.isBlank()) {
          bytes += Files.size(Path.of(jar));
          jars.add(Path.of(jar).getFileName().toString());
        }
      }
      results.add(0, client, "classpath", Metric.MB, bytes / 1e6);
      md.append("- **").append(client).append("** ").append(Results.format(bytes / 1e6)).append(" MB in ")
          .append(jars.size()).append(" jars").append(jars.size() <= 16 ? ": " + String.join(", ", jars) : "").append('\n');
    }
    return md.toString();
  }

  private void write(String ceiling, String tableSection, String classpathSection, long started) throws IOException {
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE);
    String machine = machine();
    Map<String, String> header = new LinkedHashMap<>();
    header.put("date", date + " " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm")) + " UTC");
    header.put("machine", machine);
    header.put("mode", mode.name() + String.format(Locale.ROOT, " (%d round%s, client order rotated each round; JMH %d×%ds warm-up (64 callers: twice as many), %d×%ds measured, one fork per client and scenario; %d cold starts per client; took %d min)",
        mode.rounds(), mode.rounds() == 1 ? "" : "s", mode.clients().warmups(), mode.clients().warmupSeconds(),
        mode.clients().iterations(), mode.clients().iterationSeconds(), mode.coldStarts(),
        TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - started)));
    List<String> columns = compared;
    String comparisonSection = "";
    if (baseline == null) {
      results.writeJson(resultsDir.resolve("latest.json"), date, machine, mode.name(), columns);
    } else {
      Map<String, String> provenance = provenance();
      header.put("baseline", baseline + " = " + provenance.getOrDefault("commit", "?") + " \u201c"
          + provenance.getOrDefault("subject", "") + "\u201d, built in the same run (see Before/after)");
      List<Results.Comparison> comparisons = new ArrayList<>();
      for (MarkdownReport.Line line : MarkdownReport.LINES) {
        int rounds = switch (line.scenario()) {
          case "coldstart" -> mode.coldStarts();
          case "classpath" -> 1;
          default -> mode.rounds();
        };
        Results.Comparison c = results.compare("nexttoken", baseline, line.scenario(), line.metric(), rounds);
        if (c.current() != null || c.baseline() != null) {
          comparisons.add(c);
        }
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("client", baseline);
      json.putAll(provenance);
      results.writeJson(resultsDir.resolve("latest.json"), date, machine, mode.name(), columns, json, comparisons);
      comparisonSection = MarkdownReport.comparison(results, "nexttoken", baseline,
          "Baseline built from commit `" + provenance.getOrDefault("commit", "?") + "` (" + provenance.getOrDefault("jars", "") + "); "
          + "the nexttoken client compiled against its jars from `" + provenance.getOrDefault("clientSource", "?") + "`.", comparisons);
    }
    if (!failures.isEmpty()) {
      header.put("failed runs (left out)", String.join(", ", failures));
    }
    Files.writeString(resultsDir.resolve("latest.md"), MarkdownReport.render(results, columns, header, ceiling, comparisonSection, tableSection, classpathSection));
    if (!comparisonSection.isEmpty()) {
      System.out.println();
      System.out.println(comparisonSection);
    }
    progress("wrote " + resultsDir.resolve("latest.md") + " and latest.json");
  }

  /** {@code nproc}, CPU model and JVM, e.g. "2 cores, AMD EPYC, OpenJDK 64-Bit Server VM 17.0.15+6". */
  static String machine() {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException e) {
      // not Linux: keep "unknown CPU"
    }
    return Runtime.getRuntime().availableProcessors() + " cores (nproc), " + cpu + ", "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }

  static List<String> rotated(List<String> list, int by) {
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(list.get((i + by) % list.size()));
    }
    return out;
  }

  private List<String> jvmArgs() {
    List<String> args = new ArrayList<>(JVM_ARGS);
    args.add("-Dbench.baseUrl=" + baseUrl);
    return args;
  }

  /**
   * The benchmark classes, JMH and the client's own runtime classpath, nothing else; a baseline's own
   * build of its client's classes ({@code <client>.overlay}) first, so they replace the suite's.
   */
  private String classpath(String client) throws IOException {
    Path overlay = classpaths.resolve(client + ".overlay");
    String first = Files.exists(overlay) ? Files.readString(overlay).trim() + File.pathSeparator : "";
    return first + classes + File.pathSeparator + read("jmh") + File.pathSeparator + read(client);
  }

  /** The baseline's {@code <client>.provenance} ({@code key=value} lines; the {@code jar} lines joined). */
  private Map<String, String> provenance() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Path file = classpaths.resolve(baseline + ".provenance");
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          String key = line.substring(0, eq).equals("jar") ? "jars" : line.substring(0, eq);
          out.merge(key, line.substring(eq + 1), (a, b) -> a + ", " + b);
        }
      }
    }
    return out;
  }

  private String read(String name) throws IOException {
    return Files.readString(classpaths.resolve(name + ".txt")).trim();
  }

  private Path log(String name) {
    return work.resolve("logs").resolve(name + ".log");
  }

  private static void progress(String message) {
    System.out.println("[bench] " + message);
  }
}
