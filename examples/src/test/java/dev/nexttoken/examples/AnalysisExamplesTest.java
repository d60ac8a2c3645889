package dev.nexttoken.examples;

import static dev.nexttoken.examples.ExampleOutput.find;
import static dev.nexttoken.examples.ExampleOutput.localEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Environment;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis examples, run on known-answer models: what they print is what the models' own
 * probabilities give (to the 4 decimals printed).
 */
@ExtendWith(LlamaServerExtension.class)
class AnalysisExamplesTest {
  private static final double TOLERANCE = 1e-3;

  /** No provider configured: the example starts its own bundled server (with its own model where it has one). */
  private static final Environment BUNDLED = Environment.of(Map.of(), Map.of());

  @TempDir Path dir;

  private static double number(String output, String regex) {
    return Double.parseDouble(find(output, regex));
  }

  @Test
  void classifyLabelsGivesEachLabelsProbability(LlamaServer server, KnownAnswerModel model) {
    String output = ExampleOutput.of(out -> ClassifyLabels.run(localEnvironment(server), out));

    assertEquals("exact", find(output, "^method: (\\S+)$"));
    double[] lp = ClassifyLabels.LABELS.stream().mapToDouble(l -> model.logprob(Quickstart.PROMPT, l)).toArray();
    double sum = 0;
    for (double v : lp) {
      sum += Math.exp(v);
    }
    for (int i = 0; i < lp.length; i++) {
      String label = Pattern.quote(Quickstart.quoted(ClassifyLabels.LABELS.get(i)));
      assertEquals(lp[i], number(output, "^" + label + "\\s+logprob=(\\S+)"), TOLERANCE, output);
      assertEquals(Math.exp(lp[i]) / sum, number(output, "^" + label + "\\s+logprob=\\S+  prob=(\\S+)"), TOLERANCE, output);
    }
    assertTrue(Math.exp(lp[0]) / sum >= 0.5, "\" the\" clears the abstain threshold");
    assertEquals("\" the\"", find(output, "^best: (.*)$"));
  }

  @Test
  void rankChoicesGivesEachContinuationsLoglikelihood(LlamaServer server, KnownAnswerModel model) {
    String output = ExampleOutput.of(out -> RankChoices.run(localEnvironment(server), out));

    for (String choice : RankChoices.CHOICES) {
      double total = model.logprob(RankChoices.PROMPT, choice);
      int tokens = model.continuationIds(RankChoices.PROMPT, choice).length;
      Matcher m = Pattern.compile("^" + Pattern.quote(Quickstart.quoted(choice)) + "\\s+logprob=(\\S+)  tokens=(\\d+)  mean=(\\S+)$",
          Pattern.MULTILINE).matcher(output);
      assertTrue(m.find(), output);
      assertEquals(total, Double.parseDouble(m.group(1)), TOLERANCE, choice);
      assertEquals(tokens, Integer.parseInt(m.group(2)), choice);
      assertEquals(total / tokens, Double.parseDouble(m.group(3)), TOLERANCE, choice);
    }
    assertEquals(Quickstart.quoted(RankChoices.CHOICES.get(0)), find(output, "^best: (.*)$"), "the corpus sentence");
  }

  @Test
  void uncertaintyHighlightsTheTokensUnderTheThreshold(LlamaServer server, KnownAnswerModel model) throws Exception {
    Path page = dir.resolve("u.html");
    String output = ExampleOutput.of(out -> Uncertainty.run(localEnvironment(server), out, page));

    StringBuilder marked = new StringBuilder();
    boolean open = false;
    for (KnownAnswerModel.Candidate c : model.greedyWalk(Quickstart.PROMPT, Uncertainty.MAX_TOKENS)) {
      boolean low = c.probability() < Uncertainty.THRESHOLD;
      marked.append(low && !open ? "⟦" : "").append(!low && open ? "⟧" : "").append(c.token());
      open = low;
    }
    marked.append(open ? "⟧" : "");
    assertEquals(marked.toString().replace(' ', '␣'), find(output, "^text: (.*)$"), output);
    KnownAnswerModel.Candidate least = model.greedyWalk(Quickstart.PROMPT, Uncertainty.MAX_TOKENS).stream()
        .min((a, b) -> Double.compare(a.logprob(), b.logprob())).orElseThrow();
    assertEquals(least.probability(), number(output, "^least likely: .* at \\d+, p (\\S+)$"), TOLERANCE, output);
    assertTrue(Files.readString(page).contains("<mark class=\"low\""), "the HTML page outlines the spans");
  }

  @Test
  void calibrationReportGivesTheModelsOwnFigures(LlamaServer server, KnownAnswerModel model) {
    String output = ExampleOutput.of(out -> CalibrationReport.run(localEnvironment(server), out, null));

    int n = CalibrationReport.ITEMS.size();
    int correct = 0;
    double brier = 0;
    double[][] probabilities = new double[n][];
    for (int i = 0; i < n; i++) {
      CalibrationReport.Item item = CalibrationReport.ITEMS.get(i);
      double[] lp = item.labels().stream().mapToDouble(l -> model.logprob(item.prompt(), l)).toArray();
      double[] p = softmax(lp, 1);
      probabilities[i] = lp;
      int gold = item.labels().indexOf(item.gold());
      int top = p[0] >= p[1] ? 0 : 1;
      correct += top == gold ? 1 : 0;
      for (int j = 0; j < p.length; j++) {
        brier += Math.pow(p[j] - (j == gold ? 1 : 0), 2) / n;
      }
    }
    assertEquals((double) correct / n, number(output, "accuracy (\\S+),"), TOLERANCE, output);
    assertEquals(brier, number(output, "Brier (\\S+),"), TOLERANCE, output);
    double bestT = 0;
    double bestLoss = Double.MAX_VALUE;
    for (double t = 0.05; t < 50; t *= 1.001) {
      double loss = 0;
      for (int i = 0; i < n; i++) {
        CalibrationReport.Item item = CalibrationReport.ITEMS.get(i);
        loss -= Math.log(softmax(probabilities[i], t)[item.labels().indexOf(item.gold())]);
      }
      if (loss < bestLoss) {
        bestLoss = loss;
        bestT = t;
      }
    }
    assertEquals(bestT, number(output, "temperature (\\S+)$"), 0.01 * bestT, output);
  }

  @Test
  void judgeScoresReadsTheExpectedRating() {
    String output = ExampleOutput.of(out -> JudgeScores.run(BUNDLED, out));

    KnownAnswerModel ratings = JudgeScores.RATINGS;
    int rating = ratings.tokenId(" Rating");
    double mass = 0;
    double weighted = 0;
    for (KnownAnswerModel.Candidate c : ratings.topK(rating, 20)) {
      String text = ratings.tokenText(c.id()).strip();
      if (text.matches("[1-5]")) {
        mass += c.probability();
        weighted += c.probability() * Integer.parseInt(text);
      }
    }
    assertEquals("4", find(output, "^the judge wrote: (\\S+)$"));
    assertEquals(weighted / mass, number(output, "^expected score (\\S+);"), TOLERANCE, output);
    assertEquals(mass, number(output, "the scale holds (\\S+) of"), TOLERANCE, output);
    assertEquals(Math.exp(ratings.logprob(rating, ratings.tokenId(" 4"))), number(output, "p\\(4\\) = (\\S+)$"), TOLERANCE, output);
  }

  @Test
  void modelDriftBoundsContainTheTrueDivergence() {
    String output = ExampleOutput.of(out -> ModelDrift.run(BUNDLED, out));

    KnownAnswerModel first = KnownAnswerModel.defaultModel();
    KnownAnswerModel second = ModelDrift.SECOND_VERSION;
    int[] ids = first.continuationIds(Quickstart.PROMPT, ModelDrift.TEXT);
    List<String> lines = output.lines().filter(l -> l.contains(" TV ") && l.startsWith("\"")).toList();
    assertEquals(ids.length, lines.size(), output);
    int previous = first.lastId(Quickstart.PROMPT);
    int agree = 0;
    for (int i = 0; i < ids.length; i++) {
      double[] p = first.nextTokenProbabilities(previous);
      double[] q = second.nextTokenProbabilities(previous);
      double tv = 0;
      for (int t = 0; t < p.length; t++) {
        tv += Math.abs(p[t] - q[t]) / 2;
      }
      Matcher m = Pattern.compile("TV (\\S+)-(\\S+)  JS").matcher(lines.get(i));
      assertTrue(m.find(), lines.get(i));
      assertTrue(Double.parseDouble(m.group(1)) - TOLERANCE <= tv && tv <= Double.parseDouble(m.group(2)) + TOLERANCE, tv + " in " + lines.get(i));
      boolean same = first.argmax(previous) == second.argmax(previous);
      assertEquals(same, lines.get(i).contains("top-1 same"), lines.get(i));
      agree += same ? 1 : 0;
      previous = ids[i];
    }
    assertEquals((double) agree / ids.length, number(output, "top-1 agreement (\\S+),"), TOLERANCE, output);
  }

  private static double[] softmax(double[] lp, double t) {
    double max = Math.max(lp[0], lp[1]);
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
}
