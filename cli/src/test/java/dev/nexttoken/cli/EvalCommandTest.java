package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nexttoken eval} as the command-line contract: a run killed part-way (SIGKILL) and resumed
 * ends with every (id, target) exactly once and the rows a straight run writes; Ctrl-C stops cleanly;
 * bad input is refused with exit 2 and nothing overwritten.
 */
@ExtendWith(LlamaServerExtension.class)
class EvalCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ITEMS = 300;
  private static final String[] PROMPTS = {"Weights and Biases is", "A language model", "Greedy decoding", "Every token has", "The lecture"};

  /** The known-answer model through its native route, the one most tests use. */
  private final String target;
  /**
   * The same server through its OpenAI-compatible route (no key needed): a second target, so the
   * resumed run must find each (id, target) pair, not each id. Its classify rows hold an error (the
   * OpenAI adapter would score the labels with echo, which llama.cpp's /v1/completions ignores): rows
   * with errors must survive a kill and a resume like the others.
   */
  private final String openAiTarget;
  private final Cli cli = new Cli();
  @TempDir Path dir;

  EvalCommandTest(LlamaServer server) {
    this.target = "llamacpp@" + server.baseUrl();
    this.openAiTarget = "openai:known-answer@" + server.baseUrl() + "/v1";
  }

  private Path dataset() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      String prompt = PROMPTS[i % PROMPTS.length];
      lines.add(i % 3 == 2
          ? "{\"id\": \"" + i + "\", \"prompt\": \"" + prompt + "\", \"labels\": [\" the\", \" model\"], \"gold\": \" the\"}"
          : "{\"id\": \"" + i + "\", \"prompt\": \"" + prompt + "\", \"maxTokens\": " + (2 + i % 4) + ", \"temperature\": 0, \"topLogprobs\": 2}");
    }
    return Files.write(dir.resolve("items.jsonl"), lines);
  }

  /**
   * The rows by id and target, each without its latency and cached-token count (what two runs cannot
   * share: the server's prompt cache depends on what it served before); fails on a pair written twice.
   */
  private static Map<String, JsonNode> rowsById(Path results) throws IOException {
    Map<String, JsonNode> rows = new HashMap<>();
    for (String line : Files.readAllLines(results)) {
      ObjectNode row = (ObjectNode) JSON.readTree(line);
      row.remove("latencyMs");
      ((ObjectNode) row.get("usage")).remove("cachedTokens");
      JsonNode earlier = rows.put(row.get("id").asText() + " " + row.get("target").asText(), row);
      assertEquals(null, earlier, () -> "written twice: " + line);
    }
    return rows;
  }

  /** {@code nexttoken eval} in a JVM of its own (so it can be killed), on {@code targets}. */
  private Process child(Path data, Path out, List<String> targets, String... extra) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "eval", data.toString(), "--out", out.toString()));
    for (String t : targets) {
      command.addAll(List.of("--target", t));
    }
    command.addAll(List.of(extra));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
  }

  /** Waits until {@code results} holds {@code lines} rows or the child ends; the child must still be running. */
  private static void awaitRows(Process child, Path results, int lines) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (Files.exists(results) && Files.readAllLines(results).size() >= lines) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the child " + (child.isAlive() ? "wrote fewer than " + lines + " rows in time" : "ended early, exit " + child.exitValue()));
  }

  @Test
  void aRunKilledPartWayResumesToEveryPairOnceWithTheStraightRunsRows() throws IOException, InterruptedException {
    Path data = dataset();
    Cli.Result straight = cli.run("eval", data.toString(), "--target", target, "--target", openAiTarget, "--out", dir.resolve("straight").toString());
    assertEquals(0, straight.code(), straight::toString);

    Path killed = dir.resolve("killed");
    Process child = child(data, killed, List.of(target, openAiTarget), "--rps", "30", "--concurrency", "2");
    awaitRows(child, killed.resolve("results.jsonl"), 60);
    child.destroyForcibly(); // SIGKILL: no hook runs, no summary is written
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    int before = Files.readAllLines(killed.resolve("results.jsonl")).size();
    assertTrue(before < 2 * ITEMS, "killed part-way: " + before + " rows");
    assertFalse(Files.exists(killed.resolve("summary.json")), "a SIGKILL leaves no summary");

    Cli.Result resumed = cli.run("eval", data.toString(), "--target", target, "--target", openAiTarget, "--out", killed.toString(), "--resume");
    assertEquals(0, resumed.code(), resumed::toString);
    assertTrue(resumed.err().contains("kept from before"), resumed.err());

    Map<String, JsonNode> expected = rowsById(dir.resolve("straight/results.jsonl"));
    Map<String, JsonNode> actual = rowsById(killed.resolve("results.jsonl"));
    assertEquals(2 * ITEMS, expected.size());
    assertEquals(expected.keySet(), actual.keySet());
    for (String key : expected.keySet()) {
      assertEquals(expected.get(key), actual.get(key), key);
    }
    JsonNode summary = JSON.readTree(killed.resolve("summary.json").toFile());
    JsonNode straightSummary = JSON.readTree(dir.resolve("straight/summary.json").toFile());
    assertEquals("complete", summary.get("status").asText());
    assertEquals(2, summary.get("targets").size());
    for (int t = 0; t < 2; t++) {
      assertEquals(ITEMS, summary.get("targets").get(t).get("rows").asInt());
      assertEquals(t == 0 ? 0 : ITEMS / 3, summary.get("targets").get(t).get("errorRows").asInt(), summary.toString());
      assertEquals(straightSummary.get("targets").get(t).get("classification"), summary.get("targets").get(t).get("classification"));
    }
  }

  @Test
  void ctrlCStopsCleanlyWithEverythingFinishedSaved() throws IOException, InterruptedException {
    Path data = dataset();
    Path out = dir.resolve("out");
    Process child = child(data, out, List.of(target), "--rps", "20", "--concurrency", "2");
    awaitRows(child, out.resolve("results.jsonl"), 10);
    Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start();
    assertEquals(0, interrupt.waitFor());
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run stops");

    String log = Files.readString(dir.resolve("child.log"));
    assertEquals(130, child.exitValue(), log);
    assertTrue(log.contains("eval: stopped:"), log);
    List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
    assertTrue(lines.size() < ITEMS, "stopped part-way: " + lines.size());
    for (String line : lines) {
      JSON.readTree(line); // every saved line is a whole row
    }
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertEquals("stopped", summary.get("status").asText());
    assertEquals(lines.size(), summary.get("targets").get(0).get("rows").asInt());
    assertTrue(Files.exists(out.resolve("report.html")));
  }

  @Test
  void anExistingNonEmptyDirectoryIsRefusedAndNothingOverwritten() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("results.jsonl"), "precious\n");

    Cli.Result result = cli.run("eval", dataset().toString(), "--target", target, "--out", out.toString());
    assertEquals(2, result.code(), result::toString);
    assertTrue(result.err().contains("is not empty; pass --resume"), result.err());
    assertEquals("precious\n", Files.readString(out.resolve("results.jsonl")));
  }

  @Test
  void badInputIsRefusedWithExitTwoNamingWhatIsWrong() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"id\": \"1\", \"prompt\": \"a\"}\n{\"id\": \"1\", \"prompt\": \"b\"}\n");
    Cli.Result duplicate = cli.run("eval", bad.toString(), "--target", target, "--out", dir.resolve("o1").toString());
    assertEquals(2, duplicate.code());
    assertTrue(duplicate.err().contains("line 2: id \"1\" was already used on line 1"), duplicate.err());

    Cli.Result provider = cli.run("eval", dataset().toString(), "--target", "nosuch:model", "--out", dir.resolve("o2").toString());
    assertEquals(2, provider.code());
    assertTrue(provider.err().contains("--target nosuch:model: unknown provider"), provider.err());

    Cli.Result noTarget = cli.run("eval", dataset().toString(), "--out", dir.resolve("o3").toString());
    assertEquals(2, noTarget.code());
    assertTrue(noTarget.err().contains("--target"), noTarget.err());

    Cli.Result noPrice = cli.run("eval", dataset().toString(), "--target", target, "--target", "vllm:m@http://127.0.0.1:9", "--out",
        dir.resolve("o4").toString(), "--max-cost", "1", "--prices", dir.resolve("missing.json").toString());
    assertEquals(2, noPrice.code());
    assertTrue(noPrice.err().contains("price file") && noPrice.err().contains("does not exist"), noPrice.err());
    assertFalse(Files.exists(dir.resolve("o4")), "nothing is created before the input is good");
  }
}
