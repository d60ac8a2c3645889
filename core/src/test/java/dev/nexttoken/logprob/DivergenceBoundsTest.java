package dev.nexttoken.logprob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The divergence bounds against distributions known in full: they contain the true divergence for
 * every cut-off, tighten as more tokens are shown, meet at the true value when nothing is unseen, and
 * are the tightest the shown data allow (no completion gets below the lower bound, and one reaches it).
 */
class DivergenceBoundsTest {
  private static final double EPS = 1e-12;

  @Test
  void aWorkedExample() {
    // P shows a 0.5, b 0.3; Q shows a 0.5, c 0.3; each leaves 0.2 unseen.
    VisibleDistribution p = new VisibleDistribution(Map.of("a", 0.5, "b", 0.3), 0.2);
    VisibleDistribution q = new VisibleDistribution(Map.of("a", 0.5, "c", 0.3), 0.2);

    DivergenceBounds d = DivergenceBounds.between(p, q);

    // Least: Q's unseen 0.2 on b, P's on c, leaving |0.3 − 0.2| twice. Most: the unseen on tokens the other lacks.
    assertEquals(0.1, d.totalVariation().lower(), EPS);
    assertEquals(0.5, d.totalVariation().upper(), EPS);
    assertEquals(2 * js(0.3, 0.2), d.jensenShannon().lower(), EPS);
    assertEquals(0.5 * Math.log(2), d.jensenShannon().upper(), EPS);
  }

  @Test
  void wholeDistributionsGiveTheExactDivergence() {
    Random random = new Random(1);
    for (int trial = 0; trial < 200; trial++) {
      double[] p = distribution(random, 10);
      double[] q = distribution(random, 10);
      DivergenceBounds d = DivergenceBounds.between(topK(p, 10), topK(q, 10));
      assertEquals(tv(p, q), d.totalVariation().lower(), 1e-9);
      assertEquals(tv(p, q), d.totalVariation().upper(), 1e-9);
      assertEquals(js(p, q), d.jensenShannon().lower(), 1e-9);
      assertEquals(js(p, q), d.jensenShannon().upper(), 1e-9);
    }
  }

  @Test
  void theBoundsContainTheTruthAndTightenAsKGrows() {
    Random random = new Random(2);
    for (int trial = 0; trial < 300; trial++) {
      int v = 3 + random.nextInt(12);
      double[] p = distribution(random, v);
      // Half the trials: a perturbed copy of P, the case of two versions of one model.
      double[] q = trial % 2 == 0 ? distribution(random, v) : perturbed(random, p, 0.3);
      double trueTv = tv(p, q);
      double trueJs = js(p, q);
      DivergenceBounds previous = null;
      for (int k = 0; k <= v; k++) {
        DivergenceBounds d = DivergenceBounds.between(topK(p, k), topK(q, k));
        assertTrue(d.totalVariation().lower() <= trueTv + EPS && trueTv <= d.totalVariation().upper() + EPS,
            "TV " + trueTv + " outside " + d.totalVariation() + " at k=" + k);
        assertTrue(d.jensenShannon().lower() <= trueJs + EPS && trueJs <= d.jensenShannon().upper() + EPS,
            "JS " + trueJs + " outside " + d.jensenShannon() + " at k=" + k);
        if (previous != null) {
          assertTrue(d.totalVariation().lower() >= previous.totalVariation().lower() - EPS, "TV lower fell at k=" + k);
          assertTrue(d.totalVariation().upper() <= previous.totalVariation().upper() + EPS, "TV upper rose at k=" + k);
          assertTrue(d.jensenShannon().lower() >= previous.jensenShannon().lower() - EPS, "JS lower fell at k=" + k);
          assertTrue(d.jensenShannon().upper() <= previous.jensenShannon().upper() + EPS, "JS upper rose at k=" + k);
        }
        previous = d;
      }
      // Everything shown: both bounds are the truth.
      assertEquals(trueTv, previous.totalVariation().lower(), 1e-9);
      assertEquals(0, previous.totalVariation().width(), 1e-9);
      assertEquals(trueJs, previous.jensenShannon().lower(), 1e-9);
      assertEquals(0, previous.jensenShannon().width(), 1e-9);
    }
  }

  @Test
  void nothingShownBoundsNothing() {
    VisibleDistribution none = new VisibleDistribution(Map.of(), 1);

    DivergenceBounds d = DivergenceBounds.between(none, none);

    assertEquals(new Bounds(0, 1), d.totalVariation());
    assertEquals(new Bounds(0, Math.log(2)), d.jensenShannon());
  }

  /**
   * The lower bounds are the least over every completion: a brute-force search over how each side's
   * unseen mass splits between the other's listed tokens and the unlisted ones finds nothing lower
   * and comes within the grid's resolution of it.
   */
  @Test
  void theLowerBoundsAreTheLeastAnyCompletionReaches() {
    Random random = new Random(3);
    for (int trial = 0; trial < 150; trial++) {
      int v = 4 + random.nextInt(5);
      double[] p = distribution(random, v);
      double[] q = distribution(random, v);
      int kp = random.nextInt(v);
      int kq = random.nextInt(v);
      VisibleDistribution shownP = topK(p, kp);
      VisibleDistribution shownQ = topK(q, kq);
      DivergenceBounds d = DivergenceBounds.between(shownP, shownQ);
      double[] least = leastByGrid(shownP, shownQ, 200);
      assertTrue(least[0] >= d.totalVariation().lower() - 1e-9, "a completion below the TV lower bound: " + least[0] + " < " + d.totalVariation());
      assertTrue(least[1] >= d.jensenShannon().lower() - 1e-9, "a completion below the JS lower bound: " + least[1] + " < " + d.jensenShannon());
      assertEquals(d.totalVariation().lower(), least[0], 0.01, "TV lower bound reached");
      assertEquals(d.jensenShannon().lower(), least[1], 0.01, "JS lower bound reached");
    }
  }

  @Test
  void theChosenTokenOutsideTheListCountsAsShown() {
    TokenLogprob chosen = new TokenLogprob(" x", null, null, Math.log(0.1),
        List.of(new TokenCandidate(" a", null, null, Math.log(0.6)), new TokenCandidate(" b", null, null, Math.log(0.2))));
    TableRow row = ProbabilityTable.of(List.of(chosen)).row(0);

    VisibleDistribution shown = VisibleDistribution.of(row, TokenIdentity.TEXT);

    assertEquals(3, shown.probabilities().size());
    assertEquals(0.1, shown.unseenMass(), 1e-12);
  }

  @Test
  void underTextIdentityTokensSpellingTheSameBytesAreOne() {
    TokenLogprob chosen = new TokenLogprob(".", null, 10, Math.log(0.5),
        List.of(new TokenCandidate(".", null, 10, Math.log(0.5)), new TokenCandidate(".", null, 49, Math.log(0.25))));
    TableRow row = ProbabilityTable.of(List.of(chosen)).row(0);

    assertEquals(Map.of(TokenIdentity.TEXT.key(".", null, null), 0.75), VisibleDistribution.of(row, TokenIdentity.TEXT).probabilities());
    assertEquals(2, VisibleDistribution.of(row, TokenIdentity.ID).probabilities().size());
  }

  // --- the truth and the brute force ---

  /** Least TV and JS over completions: each side's unseen mass split on a grid between the other's listed tokens and a fresh token. */
  private static double[] leastByGrid(VisibleDistribution p, VisibleDistribution q, int steps) {
    double[] least = {Double.MAX_VALUE, Double.MAX_VALUE};
    double onlyP = 0;
    double onlyQ = 0;
    double tvShared = 0;
    double jsShared = 0;
    for (var e : p.probabilities().entrySet()) {
      Double other = q.probability(e.getKey());
      if (other == null) {
        onlyP += e.getValue();
      } else {
        tvShared += Math.abs(e.getValue() - other);
        jsShared += DivergenceBounds.jsTerm(e.getValue(), other);
      }
    }
    for (var e : q.probabilities().entrySet()) {
      if (p.probability(e.getKey()) == null) {
        onlyQ += e.getValue();
      }
    }
    // Homogeneity lets each group be one token: proportional splits cost the same as the pooled group.
    boolean hasOnlyP = !q.probabilities().keySet().containsAll(p.probabilities().keySet());
    boolean hasOnlyQ = !p.probabilities().keySet().containsAll(q.probabilities().keySet());
    for (int i = 0; i <= steps; i++) {
      double x = hasOnlyP ? q.unseenMass() * i / steps : 0; // Q's unseen on P's own tokens
      for (int j = 0; j <= steps; j++) {
        double y = hasOnlyQ ? p.unseenMass() * j / steps : 0; // P's unseen on Q's own tokens
        double rp = p.unseenMass() - y;
        double rq = q.unseenMass() - x;
        double tv = 0.5 * (tvShared + Math.abs(onlyP - x) + Math.abs(y - onlyQ) + Math.abs(rp - rq));
        double js = jsShared + DivergenceBounds.jsTerm(onlyP, x) + DivergenceBounds.jsTerm(y, onlyQ) + DivergenceBounds.jsTerm(rp, rq);
        least[0] = Math.min(least[0], tv);
        least[1] = Math.min(least[1], js);
      }
    }
    return least;
  }

  /** What a provider listing the top {@code k} shows of {@code p}. */
  static VisibleDistribution topK(double[] p, int k) {
    List<Integer> order = IntStream.range(0, p.length).boxed().sorted(Comparator.comparingDouble(i -> -p[i])).toList();
    Map<String, Double> shown = new LinkedHashMap<>();
    double seen = 0;
    for (int i : order.subList(0, k)) {
      shown.put("t" + i, p[i]);
      seen += p[i];
    }
    return new VisibleDistribution(shown, Math.max(0, 1 - seen));
  }

  static double[] distribution(Random random, int v) {
    double[] p = new double[v];
    double sum = 0;
    for (int i = 0; i < v; i++) {
      p[i] = Math.pow(random.nextDouble(), 3) + (random.nextInt(5) == 0 ? 0 : 1e-3);
      sum += p[i];
    }
    for (int i = 0; i < v; i++) {
      p[i] /= sum;
    }
    return p;
  }

  static double[] perturbed(Random random, double[] p, double strength) {
    double[] q = new double[p.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      q[i] = p[i] * Math.exp(strength * random.nextGaussian());
      sum += q[i];
    }
    for (int i = 0; i < p.length; i++) {
      q[i] /= sum;
    }
    return q;
  }

  static double tv(double[] p, double[] q) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum += Math.abs(p[i] - q[i]);
    }
    return sum / 2;
  }

  static double js(double[] p, double[] q) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum += js(p[i], q[i]);
    }
    return sum;
  }

  /** Written out here, apart from the implementation: ½ p ln(2p/(p+q)) + ½ q ln(2q/(p+q)). */
  private static double js(double p, double q) {
    double m = (p + q) / 2;
    return (p > 0 ? 0.5 * p * Math.log(p / m) : 0) + (q > 0 ? 0.5 * q * Math.log(q / m) : 0);
  }

  @Test
  void boundsOnAMean() {
    assertEquals(new Bounds(0.2, 0.5), Bounds.mean(List.of(new Bounds(0.1, 0.4), new Bounds(0.3, 0.6))));
    assertEquals(null, Bounds.mean(new ArrayList<>()));
  }
}
