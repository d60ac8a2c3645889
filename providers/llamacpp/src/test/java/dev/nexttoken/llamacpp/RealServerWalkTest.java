package dev.nexttoken.llamacpp;

import static dev.nexttoken.llamacpp.KnownAnswers.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.analysis.NextTokenWalk;
import dev.nexttoken.logprob.Sampler;
import dev.nexttoken.logprob.SamplingSettings;
import dev.nexttoken.logprob.TableRow;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenChooser;
import dev.nexttoken.logprob.WalkResult;
import dev.nexttoken.logprob.WalkStep;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The next-token walk against a real llama-server serving the known-answer model: each step's distribution is the
 * true one, greedy choices follow the true argmax, and seeded sampling is repeatable and draws tokens as often as
 * the true distribution says.
 */
@ExtendWith(LlamaServerExtension.class)
class RealServerWalkTest {
  private static final int STEPS = 6;
  private static final int K = 5;

  /** Seeded draws for the chi-square test: enough for every corpus word after "is" to be expected 25 times. */
  private static final int DRAWS = 4_000;

  /** Real sampled one-step walks, each compared with the seeded sampler's draw. */
  private static final int WALKS = 40;

  private final KnownAnswerModel truth;
  private final LlamaCppModel model;
  private final int vocabulary;

  RealServerWalkTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.model = LlamaCppModel.builder().baseUrl(server.baseUrl()).build().withServerInfo();
    this.vocabulary = model.capabilities().vocabularySize();
  }

  @AfterEach
  void close() {
    model.close();
  }

  private WalkResult walk(int steps, int k, TokenChooser chooser) {
    return NextTokenWalk.builder(model).steps(steps).alternatives(k).chooser(chooser).build().run(PROMPT);
  }

  @Test
  void aGreedyWalkFollowsTheTrueArgmaxAtEveryStep() {
    WalkResult walk = walk(STEPS, K, TokenChooser.greedy());

    List<KnownAnswerModel.Candidate> expected = truth.greedyWalk(PROMPT, STEPS);
    assertEquals(WalkResult.StopReason.STEPS, walk.stopReason());
    assertEquals(STEPS, walk.steps().size());
    StringBuilder text = new StringBuilder(PROMPT);
    for (int i = 0; i < STEPS; i++) {
      WalkStep step = walk.steps().get(i);
      assertEquals(i, step.index());
      assertEquals(text.toString(), step.prompt(), "each step continues the text so far");
      int previous = TrueRows.lastToken(truth, step.prompt());
      if (i > 0) {
        assertEquals(expected.get(i - 1).id(), previous, "the server sees the token chosen before");
      }
      assertEquals(truth.argmax(previous), step.chosen().id(), "step " + i + " takes the argmax");
      assertEquals(expected.get(i).id(), step.chosen().id());
      assertTrue(step.argmax());
      assertEquals(1, step.row().rank());
      TrueRows.assertRow(truth, previous, K, step.row(), vocabulary);
      text.append(truth.tokenText(expected.get(i).id()));
    }
    String greedy = expected.stream().map(c -> truth.tokenText(c.id())).collect(Collectors.joining());
    assertEquals(PROMPT + greedy, walk.text());
    assertEquals(greedy, walk.generated());
    assertEquals(walk.steps().stream().map(WalkStep::row).toList(), walk.table().rows());
  }

  @Test
  void aGreedyWalkStopsAtTheEndOfSequence() {
    WalkResult walk = walk(20, K, TokenChooser.greedy());

    List<KnownAnswerModel.Candidate> expected = truth.greedyWalk(PROMPT, 20);
    assertEquals(truth.eosId(), expected.get(expected.size() - 1).id(), "the model's greedy walk ends");
    assertEquals(WalkResult.StopReason.END_OF_SEQUENCE, walk.stopReason());
    assertEquals(expected.stream().map(KnownAnswerModel.Candidate::id).toList(),
        walk.steps().stream().map(s -> s.chosen().id()).toList(), "the steps, </s> included");
    assertEquals(PROMPT + expected.stream().map(c -> truth.tokenText(c.id())).collect(Collectors.joining()), walk.text());
  }

  @Test
  void aSampledWalkWithAFixedSeedIsReproducible() {
    WalkResult first = walk(8, vocabulary, new Sampler(SamplingSettings.seeded(42)));
    WalkResult second = walk(8, vocabulary, new Sampler(SamplingSettings.seeded(42)));

    assertEquals(chosenIds(first), chosenIds(second));
    assertEquals(first.text(), second.text());
    assertEquals(first.table().rows(), second.table().rows());
    for (WalkStep step : first.steps()) {
      int previous = TrueRows.lastToken(truth, step.prompt());
      TrueRows.assertRow(truth, previous, vocabulary, step.row(), vocabulary);
      assertEquals(step.argmax(), step.chosen().id() == truth.argmax(previous), step.row()::toString);
    }
  }

  @Test
  void theSeedDecidesTheSampledWalk() {
    Set<List<Integer>> walks = new HashSet<>();
    for (long seed = 0; seed < 4; seed++) {
      walks.add(chosenIds(walk(3, K, new Sampler(SamplingSettings.seeded(seed)))));
    }
    assertTrue(walks.size() > 1, () -> "four seeds, one walk: " + walks);
  }

  private static List<Integer> chosenIds(WalkResult walk) {
    List<Integer> ids = new ArrayList<>();
    for (WalkStep step : walk.steps()) {
      ids.add(step.chosen().id());
    }
    return ids;
  }

  @Test
  void theFirstSampledTokenIsDrawnAsOftenAsTheTrueDistributionSays() {
    // One real row drawn from by DRAWS seeded samplers stands for DRAWS one-step walks without DRAWS server
    // calls; the next test shows a real walk draws exactly what the seeded sampler draws from the real row.
    TableRow row = walk(1, vocabulary, TokenChooser.greedy()).steps().get(0).row();
    int previous = TrueRows.lastToken(truth, PROMPT);
    TrueRows.assertRow(truth, previous, vocabulary, row, vocabulary);
    double[] expected = truncated(truth.nextTokenProbabilities(previous), row);

    int[] counts = draws(row, SamplingSettings.seeded(0));
    double[] test = chiSquare(counts, expected);
    assertTrue(test[0] < critical(test[1]),
        () -> "chi-square " + test[0] + " with " + test[1] + " degrees of freedom, critical " + critical(test[1]));

    // The same test tells a sampler that sharpens the distribution a little from the true one.
    int[] sharpened = draws(row, SamplingSettings.seeded(0).withTemperature(0.8));
    double[] wrong = chiSquare(sharpened, expected);
    assertTrue(wrong[0] > critical(wrong[1]), () -> "temperature 0.8 passed as the truth: chi-square " + wrong[0]);
  }

  @Test
  void aRealSampledWalkDrawsWhatTheSeededSamplerDrawsFromTheRealRow() {
    TableRow row = walk(1, vocabulary, TokenChooser.greedy()).steps().get(0).row();
    Map<Integer, Double> first = probabilities(row);
    Set<Integer> drawn = new HashSet<>();
    for (long seed = 0; seed < WALKS; seed++) {
      WalkStep step = walk(1, vocabulary, new Sampler(SamplingSettings.seeded(seed))).steps().get(0);

      Map<Integer, Double> now = probabilities(step.row());
      assertEquals(first.keySet(), now.keySet(), "the same candidates each time");
      first.forEach((id, p) -> assertEquals(p, now.get(id), 1e-7, "the same probability each time for token " + id));
      int expected = new Sampler(SamplingSettings.seeded(seed)).choose(row).id();
      assertEquals(expected, step.chosen().id(), "seed " + seed);
      drawn.add(step.chosen().id());
    }
    assertTrue(drawn.size() > 1, () -> WALKS + " seeds drew only " + drawn);
  }

  /** The row's probabilities by token id. */
  private static Map<Integer, Double> probabilities(TableRow row) {
    return row.candidates().stream().collect(Collectors.toMap(TokenCandidate::id, TokenCandidate::probability));
  }

  /** The first token drawn by each of {@link #DRAWS} samplers seeded 0, 1, ..., counted by token id. */
  private int[] draws(TableRow row, SamplingSettings settings) {
    int[] counts = new int[truth.vocabSize()];
    for (long seed = 0; seed < DRAWS; seed++) {
      counts[new Sampler(settings.withSeed(seed)).choose(row).id()]++;
    }
    return counts;
  }

  /** {@code p} restricted to the row's candidates and renormalised: what sampling from a top-k row draws from. */
  private static double[] truncated(double[] p, TableRow row) {
    double[] out = new double[p.length];
    double sum = 0;
    for (var c : row.candidates()) {
      out[c.id()] = p[c.id()];
      sum += p[c.id()];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  /**
   * Pearson's chi-square of {@code counts} against {@code expected} probabilities, and its degrees of freedom.
   * Tokens expected fewer than 5 times are pooled into one bucket, merged into the smallest other bucket if the
   * pool is still expected fewer than 5 times, as the test's approximation needs.
   */
  private static double[] chiSquare(int[] counts, double[] expected) {
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    List<double[]> buckets = new ArrayList<>(); // {observed, expected}
    double[] pool = {0, 0};
    for (int i = 0; i < counts.length; i++) {
      double e = expected[i] * total;
      if (e >= 5) {
        buckets.add(new double[] {counts[i], e});
      } else {
        pool[0] += counts[i];
        pool[1] += e;
      }
    }
    if (pool[1] >= 5) {
      buckets.add(pool);
    } else {
      double[] smallest = buckets.stream().min((a, b) -> Double.compare(a[1], b[1])).orElseThrow();
      smallest[0] += pool[0];
      smallest[1] += pool[1];
    }
    double statistic = 0;
    for (double[] b : buckets) {
      statistic += (b[0] - b[1]) * (b[0] - b[1]) / b[1];
    }
    return new double[] {statistic, buckets.size() - 1};
  }

  /**
   * The chi-square value exceeded with probability 0.001 (Wilson-Hilferty): the draws are seeded, so the test
   * is deterministic, and a small level keeps a correct sampler from failing by an unlucky seed set.
   */
  private static double critical(double degrees) {
    double z = 3.090; // the standard normal's 0.999 quantile
    double a = 2 / (9 * degrees);
    return degrees * Math.pow(1 - a + z * Math.sqrt(a), 3);
  }
}
