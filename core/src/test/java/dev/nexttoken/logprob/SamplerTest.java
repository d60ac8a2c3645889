package dev.nexttoken.logprob;

import static dev.nexttoken.logprob.Tokens.cand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Greedy, seeded draws, the draw frequencies, and each truncation. */
class SamplerTest {
  /** p = 0.4, 0.25, 0.15, 0.1, 0.05 listed (0.05 unseen), in scrambled provider order. */
  private static final TableRow ROW = row(
      cand("c", Math.log(0.15)), cand("a", Math.log(0.4)), cand("e", Math.log(0.05)),
      cand("b", Math.log(0.25)), cand("d", Math.log(0.1)));

  private static TableRow row(TokenCandidate... candidates) {
    return ProbabilityTable.of(List.of(new TokenLogprob(candidates[0].token(), candidates[0].bytes(), null,
        candidates[0].logprob(), List.of(candidates)))).row(0);
  }

  private static Map<String, Double> probabilities(SamplingSettings settings) {
    Map<String, Double> out = new HashMap<>();
    for (Sampler.Weighted w : new Sampler(settings).distribution(ROW)) {
      out.put(w.candidate().token(), w.probability());
    }
    return out;
  }

  @Test
  void greedyPicksTheArgmaxAndBreaksTiesByRank() {
    assertEquals("a", TokenChooser.greedy().choose(ROW).token());
    Sampler zero = new Sampler(SamplingSettings.greedy().withSeed(1L));
    for (int i = 0; i < 50; i++) {
      assertEquals("a", zero.choose(ROW).token());
    }
    TableRow tie = row(cand("x", Math.log(0.2)), cand("first", Math.log(0.4)), cand("second", Math.log(0.4)));
    assertEquals("first", TokenChooser.greedy().choose(tie).token());
    assertEquals("first", new Sampler(SamplingSettings.greedy()).choose(tie).token());
  }

  @Test
  void theSameSeedDrawsTheSameTokens() {
    List<String> first = draws(new Sampler(SamplingSettings.seeded(42)), 200);
    List<String> again = draws(new Sampler(SamplingSettings.seeded(42)), 200);
    List<String> other = draws(new Sampler(SamplingSettings.seeded(43)), 200);
    assertEquals(first, again);
    assertNotEquals(first, other);
  }

  @Test
  void drawsFollowTheRenormalisedDistribution() {
    // Over the listed candidates only: 0.4/0.95, 0.25/0.95, ...; chi-square with a fixed seed.
    assertChiSquare(SamplingSettings.seeded(7), Map.of("a", 0.4, "b", 0.25, "c", 0.15, "d", 0.1, "e", 0.05));
  }

  @Test
  void drawsFollowTheTemperedDistribution() {
    double t = 0.6;
    Map<String, Double> weights = new HashMap<>();
    for (var e : Map.of("a", 0.4, "b", 0.25, "c", 0.15, "d", 0.1, "e", 0.05).entrySet()) {
      weights.put(e.getKey(), Math.pow(e.getValue(), 1 / t));
    }
    assertChiSquare(SamplingSettings.seeded(11).withTemperature(t), weights);
  }

  @Test
  void drawsAfterTopKFollowTheTruncatedDistribution() {
    assertChiSquare(SamplingSettings.seeded(13).withTopK(2), Map.of("a", 0.4, "b", 0.25));
  }

  @Test
  void topKKeepsTheKMostLikely() {
    Map<String, Double> p = probabilities(SamplingSettings.seeded(1).withTopK(2));
    assertEquals(Map.of("a", 0.4 / 0.65, "b", 0.25 / 0.65).keySet(), p.keySet());
    assertEquals(0.4 / 0.65, p.get("a"), 1e-12);
    assertEquals(5, probabilities(SamplingSettings.seeded(1).withTopK(50)).size());
  }

  @Test
  void topPKeepsTheSmallestSetReachingTheMass() {
    // Renormalised: 0.421, 0.263, 0.158 ... ; cumulative passes 0.7 at the third.
    Map<String, Double> p = probabilities(SamplingSettings.seeded(1).withTopP(0.7));
    assertEquals(3, p.size());
    assertEquals(0.15 / 0.8, p.get("c"), 1e-12);
    assertEquals(1, probabilities(SamplingSettings.seeded(1).withTopP(0.1)).size(), "always at least one");
    // Exactly on a boundary: 0.5 + 0.25 reaches 0.75 with two tokens.
    TableRow exact = row(cand("x", Math.log(0.5)), cand("y", Math.log(0.25)), cand("z", Math.log(0.25)));
    assertEquals(2, new Sampler(SamplingSettings.seeded(1).withTopP(0.75)).distribution(exact).size());
  }

  @Test
  void minPKeepsTokensAtLeastThatFractionOfTheBest() {
    // Threshold 0.3 * 0.4 = 0.12 (in any normalisation): a, b, c stay; d (0.1) and e go.
    Map<String, Double> p = probabilities(SamplingSettings.seeded(1).withMinP(0.3));
    assertEquals(java.util.Set.of("a", "b", "c"), p.keySet());
    assertEquals(0.25 / 0.8, p.get("b"), 1e-12);
  }

  @Test
  void truncationsApplyInOrderAfterTemperature() {
    // Temperature 0.5 squares the odds: 0.16, 0.0625, 0.0225, ... then top-p 0.9 of those.
    List<Sampler.Weighted> d = new Sampler(SamplingSettings.seeded(1).withTemperature(0.5).withTopP(0.9)).distribution(ROW);
    double z = 0.16 + 0.0625 + 0.0225 + 0.01 + 0.0025;
    assertTrue((0.16 + 0.0625) / z < 0.9 && (0.16 + 0.0625 + 0.0225) / z >= 0.9);
    assertEquals(3, d.size());
    assertEquals(0.16 / (0.16 + 0.0625 + 0.0225), d.get(0).probability(), 1e-12);
    assertEquals(1.0, d.stream().mapToDouble(Sampler.Weighted::probability).sum(), 1e-12);
  }

  @Test
  void zeroProbabilityCandidatesAreNeverDrawn() {
    TableRow row = row(cand("x", 0.0), cand("zero", Double.NEGATIVE_INFINITY));
    Sampler sampler = new Sampler(SamplingSettings.seeded(3).withTemperature(5.0));
    for (int i = 0; i < 200; i++) {
      assertEquals("x", sampler.choose(row).token());
    }
    TableRow none = row(cand("zero", Double.NEGATIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> sampler.choose(none));
  }

  @Test
  void aRowWithoutAlternativesCannotBeSampledFrom() {
    TableRow cohere = ProbabilityTable.of(List.of(new TokenLogprob("Paris", null, 1, -0.1, null))).row(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sampler(SamplingSettings.seeded(1)).choose(cohere));
    assertTrue(e.getMessage().contains("no alternatives"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TokenChooser.greedy().choose(cohere));
  }

  @Test
  void invalidSettingsNameTheFieldAndRange() {
    assertMessage("temperature must be finite and >= 0, was -0.5", () -> new SamplingSettings(-0.5, null, null, null, 1L));
    assertMessage("temperature must be finite and >= 0, was NaN", () -> new SamplingSettings(Double.NaN, null, null, null, 1L));
    assertMessage("topK must be >= 1 (null for no limit), was 0", () -> SamplingSettings.seeded(1).withTopK(0));
    assertMessage("topP must be in (0, 1] (null for no limit), was 1.5", () -> SamplingSettings.seeded(1).withTopP(1.5));
    assertMessage("topP must be in (0, 1] (null for no limit), was 0.0", () -> SamplingSettings.seeded(1).withTopP(0.0));
    assertMessage("minP must be in [0, 1] (null for no limit), was -0.1", () -> SamplingSettings.seeded(1).withMinP(-0.1));
  }

  private static void assertMessage(String expected, Runnable action) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, action::run).getMessage());
  }

  private static List<String> draws(Sampler sampler, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(sampler.choose(ROW).token());
    }
    return out;
  }

  /** 20,000 draws against the expected weights (normalised here); fails above the 0.1% critical value. */
  private static void assertChiSquare(SamplingSettings settings, Map<String, Double> weights) {
    int n = 20_000;
    Sampler sampler = new Sampler(settings);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge(sampler.choose(ROW).token(), 1, Integer::sum);
    }
    assertEquals(weights.keySet(), counts.keySet(), "drawn tokens");
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double chi = 0;
    for (var e : weights.entrySet()) {
      double expected = n * e.getValue() / total;
      double diff = counts.get(e.getKey()) - expected;
      chi += diff * diff / expected;
    }
    assertTrue(chi < ChiSquare.critical001(weights.size() - 1), "chi-square " + chi + " for " + counts);
  }
}
