package dev.nexttoken.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.benchmarks.Results.Metric;
import dev.nexttoken.benchmarks.Results.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ratios are costs taken round by round, values are medians, and latest.json has the issue's schema. */
class ResultsTest {
  private static final List<String> CLIENTS = List.of("floor", "nexttoken");

  @Test
  void throughputRatioIsFloorOverClientSoSlowerIsAboveOne() {
    Results r = new Results();
    r.add(0, "floor", "chat", Metric.CALLS_PER_S, 4000);
    r.add(0, "nexttoken", "chat", Metric.CALLS_PER_S, 2000);
    assertEquals(2.0, r.row("nexttoken", "chat", Metric.CALLS_PER_S).ratioToFloor());
  }

  @Test
  void costRatioIsClientOverFloor() {
    Results r = new Results();
    r.add(0, "floor", "chat", Metric.ALLOC_BYTES, 100);
    r.add(0, "nexttoken", "chat", Metric.ALLOC_BYTES, 300);
    assertEquals(3.0, r.row("nexttoken", "chat", Metric.ALLOC_BYTES).ratioToFloor());
  }

  @Test
  void ratiosArePairedWithinARoundBeforeTheMedian() {
    Results r = new Results();
    // The machine is twice as fast in round 1; the side-by-side ratio stays 2 in every round.
    r.add(0, "floor", "stream", Metric.CHUNKS_PER_S, 100);
    r.add(0, "nexttoken", "stream", Metric.CHUNKS_PER_S, 50);
    r.add(1, "floor", "stream", Metric.CHUNKS_PER_S, 200);
    r.add(1, "nexttoken", "stream", Metric.CHUNKS_PER_S, 100);
    r.add(2, "floor", "stream", Metric.CHUNKS_PER_S, 400);
    r.add(2, "nexttoken", "stream", Metric.CHUNKS_PER_S, 200);
    Row row = r.row("nexttoken", "stream", Metric.CHUNKS_PER_S);
    assertEquals(2.0, row.ratioToFloor());
    assertEquals(100.0, row.value());
  }

  @Test
  void jsonHasExactlyTheIssueSchemaWithNullForUnsupported(@TempDir Path dir) throws Exception {
    Results r = new Results();
    r.add(0, "floor", "legacy", Metric.CALLS_PER_S, 8000);
    r.add(0, "nexttoken", "legacy", Metric.CALLS_PER_S, 7000);
    r.unsupported("langchain4j", "legacy", Metric.CALLS_PER_S);
    Path file = dir.resolve("latest.json");
    r.writeJson(file, "2026-11-26", "2 cores", "quick", List.of("floor", "nexttoken", "langchain4j"));
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    assertEquals(List.of("date", "machine", "mode", "rows"), names(root));
    assertEquals(3, root.path("rows").size());
    for (JsonNode row : root.path("rows")) {
      assertEquals(List.of("client", "scenario", "metric", "value", "ratioToFloor"), names(row));
    }
    JsonNode lc = root.path("rows").path(2);
    assertEquals("langchain4j", lc.path("client").asText());
    assertEquals("calls_per_s", lc.path("metric").asText());
    assertEquals(true, lc.path("value").isNull());
    assertEquals(1.0, root.path("rows").path(0).path("ratioToFloor").asDouble());
  }

  @Test
  void aMetricWithoutAFloorHasNoRatio() {
    Results r = new Results();
    r.add(0, "nexttoken", "table", Metric.CANDIDATES_PER_S, 1e6);
    assertNull(r.row("nexttoken", "table", Metric.CANDIDATES_PER_S).ratioToFloor());
    assertEquals(1, r.rows(CLIENTS).size());
  }

  @Test
  void aBaselineIsComparedRoundByRoundAsACostOfTheCurrentOverTheBaseline() {
    Results r = new Results();
    // Round 1 runs on a machine twice as fast; current is 10% slower than the baseline in both rounds.
    r.add(0, "nexttoken@abc1234", "chat", Metric.CALLS_PER_S, 1100);
    r.add(0, "nexttoken", "chat", Metric.CALLS_PER_S, 1000);
    r.add(1, "nexttoken@abc1234", "chat", Metric.CALLS_PER_S, 2200);
    r.add(1, "nexttoken", "chat", Metric.CALLS_PER_S, 2000);
    r.add(0, "nexttoken@abc1234", "chat", Metric.ALLOC_BYTES, 100);
    r.add(0, "nexttoken", "chat", Metric.ALLOC_BYTES, 80);
    Results.Comparison calls = r.compare("nexttoken", "nexttoken@abc1234", "chat", Metric.CALLS_PER_S, 3);
    assertEquals(1.1, calls.ratio(), 1e-9);
    assertEquals(1.1, calls.perRound().get(0), 1e-9);
    assertEquals(1.1, calls.perRound().get(1), 1e-9);
    assertNull(calls.perRound().get(2));
    assertEquals(1500.0, calls.current());
    assertEquals(1650.0, calls.baseline());
    assertEquals(0.8, r.compare("nexttoken", "nexttoken@abc1234", "chat", Metric.ALLOC_BYTES, 1).ratio(), 1e-9);
  }

  @Test
  void withABaselineTheJsonAddsBaselineAndComparisonAfterRows(@TempDir Path dir) throws Exception {
    Results r = new Results();
    r.add(0, "floor", "chat", Metric.CALLS_PER_S, 4000);
    r.add(0, "nexttoken", "chat", Metric.CALLS_PER_S, 2000);
    r.add(0, "nexttoken@abc1234", "chat", Metric.CALLS_PER_S, 2500);
    Path file = dir.resolve("latest.json");
    List<String> clients = BenchmarkSuite.withBaseline(List.of("floor", "nexttoken", "openai-java"), "nexttoken@abc1234");
    assertEquals(List.of("floor", "nexttoken", "nexttoken@abc1234", "openai-java"), clients);
    r.writeJson(file, "2026-12-01", "2 cores", "smoke", clients, java.util.Map.of("client", "nexttoken@abc1234"),
        List.of(r.compare("nexttoken", "nexttoken@abc1234", "chat", Metric.CALLS_PER_S, 1)));
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    assertEquals(List.of("date", "machine", "mode", "rows", "baseline", "comparison"), names(root));
    assertEquals(1.6, root.path("rows").path(2).path("ratioToFloor").asDouble());
    JsonNode c = root.path("comparison").path(0);
    assertEquals(List.of("scenario", "metric", "current", "baseline", "ratioPerRound", "ratio"), names(c));
    assertEquals(1.25, c.path("ratio").asDouble());
    assertEquals(1.25, c.path("ratioPerRound").path(0).asDouble());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
