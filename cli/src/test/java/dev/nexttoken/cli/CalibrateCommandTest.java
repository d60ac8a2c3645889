package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code calibrate} against the known-answer model: accuracy, ECE, Brier, the bins and the fitted
 * temperature equal what the model's own probabilities give (the temperature found here by a search
 * of its own).
 */
@ExtendWith(LlamaServerExtension.class)
class CalibrateCommandTest {
  private static final double TOLERANCE = 1e-5;
  private static final int BINS = 5;

  /** Prompts from the corpus and labels of its words; some gold labels are not the model's favourite. */
  private static final List<Item> ITEMS = List.of(
      new Item("Weights and Biases is", List.of(" the", " used"), " the"),
      new Item("Weights and Biases is", List.of(" the", " used"), " used"),
      new Item("Weights and Biases is", List.of(" the", " used", " how"), " the"),
      new Item("A language model predicts the", List.of(" next", " machine"), " next"),
      new Item("Greedy decoding picks the most", List.of(" likely", " large"), " likely"),
      new Item("Companies like OpenAI, Cohere and Meta train", List.of(" large", " models"), " large"),
      new Item("The lecture explains how large", List.of(" language", " models"), " models"),
      new Item("Our machine learning platform for", List.of(" developers", " teams"), " developers"),
      new Item("Every token has a", List.of(" logprob", " probability"), " logprob"),
      new Item("Perplexity is the exponential of the", List.of(" average", " next"), " next"));

  record Item(String prompt, List<String> labels, String gold) {
    String json() {
      StringBuilder s = new StringBuilder("{\"prompt\": \"").append(prompt).append("\", \"labels\": [");
      for (int i = 0; i < labels.size(); i++) {
        s.append(i == 0 ? "" : ", ").append('"').append(labels.get(i)).append('"');
      }
      return s.append("], \"gold\": \"").append(gold).append("\"}").toString();
    }
  }

  private final KnownAnswerModel truth;
  private final String url;
  @TempDir Path dir;

  CalibrateCommandTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.url = server.baseUrl();
  }

  private Path items() throws IOException {
    List<String> lines = new ArrayList<>(ITEMS.stream().map(Item::json).toList());
    lines.add(2, ""); // blank lines are skipped
    return Files.write(dir.resolve("items.jsonl"), lines, StandardCharsets.UTF_8);
  }

  /** The model's own logprob of each label of an item. */
  private double[] logprobs(Item item) {
    return item.labels().stream().mapToDouble(l -> truth.logprob(item.prompt(), l)).toArray();
  }

  private static double[] softmax(double[] lp, double t) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : lp) {
      max = Math.max(max, v);
    }
    double[] p = new double[lp.length];
    double sum = 0;
    for (int i = 0; i < lp.length; i++) {
      p[i] = Math.exp((lp[i] - max) / t);
      sum += p[i];
    }
    for (int i = 0; i < lp.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private double nll(double t) {
    double loss = 0;
    for (Item item : ITEMS) {
      loss -= Math.log(softmax(logprobs(item), t)[item.labels().indexOf(item.gold())]);
    }
    return loss;
  }

  @Test
  void theFiguresAreTheModelsOwn() throws IOException {
    Cli.Result result = new Cli().run("--base-url", url, "calibrate", items().toString(), "--bins", Integer.toString(BINS), "--format", "json");
    assertEquals(0, result.code(), result::toString);
    JsonNode json = result.json();

    int n = ITEMS.size();
    int correct = 0;
    double brier = 0;
    int[] counts = new int[BINS];
    double[] confidence = new double[BINS];
    int[] right = new int[BINS];
    for (Item item : ITEMS) {
      double[] p = softmax(logprobs(item), 1);
      int top = 0;
      for (int i = 1; i < p.length; i++) {
        top = p[i] > p[top] ? i : top;
      }
      int gold = item.labels().indexOf(item.gold());
      correct += top == gold ? 1 : 0;
      for (int i = 0; i < p.length; i++) {
        brier += Math.pow(p[i] - (i == gold ? 1 : 0), 2) / n;
      }
      int bin = Math.min(BINS - 1, (int) (p[top] * BINS));
      counts[bin]++;
      confidence[bin] += p[top];
      right[bin] += top == gold ? 1 : 0;
    }
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      if (counts[b] > 0) {
        ece += (double) counts[b] / n * Math.abs((double) right[b] / counts[b] - confidence[b] / counts[b]);
      }
    }
    assertTrue(correct > 0 && correct < n, "some items are wrong, so the temperature is finite: " + correct);
    assertEquals("exact", json.get("method").asText());
    assertEquals(n, json.get("n").asInt());
    assertEquals((double) correct / n, json.get("accuracy").asDouble(), 1e-12);
    assertEquals(ece, json.get("ece").asDouble(), TOLERANCE);
    assertEquals(brier, json.get("brier").asDouble(), TOLERANCE);
    JsonNode bins = json.get("bins");
    assertEquals(BINS, bins.size());
    for (int b = 0; b < BINS; b++) {
      JsonNode bin = bins.get(b);
      assertEquals((double) b / BINS, bin.get("lower").asDouble(), 1e-12);
      assertEquals((double) (b + 1) / BINS, bin.get("upper").asDouble(), 1e-12);
      assertEquals(counts[b], bin.get("count").asInt(), "bin " + b);
      if (counts[b] == 0) {
        assertTrue(bin.get("confidence").isNull() && bin.get("accuracy").isNull(), bin::toString);
      } else {
        assertEquals(confidence[b] / counts[b], bin.get("confidence").asDouble(), TOLERANCE, "bin " + b);
        assertEquals((double) right[b] / counts[b], bin.get("accuracy").asDouble(), 1e-12, "bin " + b);
      }
    }
    // The temperature: a plain scan of T over a fine grid, apart from the command's bisection.
    double bestT = 0;
    double bestLoss = Double.MAX_VALUE;
    for (double t = 0.05; t < 50; t *= 1.001) {
      double loss = nll(t);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestT = t;
      }
    }
    assertEquals(bestT, json.get("temperature").asDouble(), 0.01 * bestT);
  }

  @Test
  void theHtmlReportDrawsTheReliabilityDiagram() throws IOException {
    Path page = dir.resolve("calibration.html");
    Cli.Result result = new Cli().run("--base-url", url, "calibrate", items().toString(), "--bins", Integer.toString(BINS),
        "--format", "html", "--out", page.toString());
    assertEquals(0, result.code(), result::toString);

    Document html = Jsoup.parse(Files.readString(page));
    int drawn = html.select("svg.reliability rect.bin").stream().mapToInt(e -> Integer.parseInt(e.attr("data-count"))).sum();
    assertEquals(ITEMS.size(), drawn, "every item is in one bar");
    assertEquals(BINS, html.select("table.bins tbody tr").size());
  }

  @Test
  void aBadLineIsRefusedNamingTheFileAndTheLine() throws IOException {
    Path file = Files.write(dir.resolve("bad.jsonl"),
        List.of(ITEMS.get(0).json(), "{\"prompt\": \"x\", \"labels\": [\" a\", \" b\"], \"gold\": \" c\"}"), StandardCharsets.UTF_8);
    Cli.Result result = new Cli().run("--base-url", url, "calibrate", file.toString());

    assertEquals(ErrorReporter.USAGE, result.code(), result::toString);
    assertTrue(result.err().contains("bad.jsonl line 2: gold \" c\" is not one of the labels [ a,  b]"), result::toString);
  }
}
