package dev.nexttoken.logprob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Accuracy, ECE, Brier score, bins and the fitted temperature of items worked out by hand. */
class CalibrationTest {
  private static final List<String> YES_NO = List.of("yes", "no");

  /** Two labels with probabilities p and 1 − p (given unnormalised, at half the mass, to show normalisation). */
  private static LabelledPrediction item(double p, int gold) {
    return new LabelledPrediction(YES_NO, List.of(Math.log(0.5 * p), Math.log(0.5 * (1 - p))), gold);
  }

  @Test
  void figuresOfFourItems() {
    List<LabelledPrediction> items = List.of(item(0.9, 0), item(0.8, 1), item(0.35, 1), item(0.55, 0));
    Calibration c = Calibration.of(items, 5);

    // Top labels: yes 0.9 right, yes 0.8 wrong, no 0.65 right, yes 0.55 right.
    assertEquals(4, c.n());
    assertEquals(0.75, c.accuracy(), 1e-12);
    double brier = (2 * 0.01 + 2 * 0.64 + 2 * 0.1225 + 2 * 0.2025) / 4;
    assertEquals(brier, c.brier(), 1e-12);
    // Bins of 0.2: [0.4,0.6) holds 0.55 (right); [0.6,0.8) holds 0.65 (right); [0.8,1] holds 0.9 (right) and 0.8 (wrong).
    double ece = 0.25 * (1 - 0.55) + 0.25 * (1 - 0.65) + 0.5 * Math.abs(0.5 - 0.85);
    assertEquals(ece, c.ece(), 1e-12);
    assertEquals(List.of(0, 0, 1, 1, 2), c.bins().stream().map(CalibrationBin::count).toList());
    CalibrationBin top = c.bins().get(4);
    assertEquals(0.8, top.lower(), 1e-12);
    assertEquals(1.0, top.upper(), 1e-12);
    assertEquals(0.85, top.confidence(), 1e-12);
    assertEquals(0.5, top.accuracy(), 1e-12);
    assertNull(c.bins().get(0).confidence());
  }

  @Test
  void aConfidenceOfOneFallsInTheLastBinAndAnEdgeInTheBinAbove() {
    Calibration c = Calibration.of(List.of(
        new LabelledPrediction(YES_NO, List.of(0.0, Double.NEGATIVE_INFINITY), 0),
        new LabelledPrediction(YES_NO, List.of(-0.7, -0.7), 0)), 4);

    // 1.0 in [0.75, 1]; a tie at 0.5 (the first label is the top one) in [0.5, 0.75).
    assertEquals(List.of(0, 0, 1, 1), c.bins().stream().map(CalibrationBin::count).toList());
  }

  @Test
  void theFittedTemperatureMakesTheProbabilitiesMatchTheFrequencies() {
    // One logit vector (0.8, 0.2), gold "yes" twice and "no" once: the likelihood is best when
    // softmax(lp / T) gives yes 2/3, i.e. 4^(1/T) = 2, T = 2.
    List<LabelledPrediction> items = List.of(item(0.8, 0), item(0.8, 0), item(0.8, 1));

    assertEquals(2.0, TemperatureFit.fit(items), 1e-9);
    assertEquals(2.0, Calibration.of(items, 10).temperature(), 1e-9);
  }

  @Test
  void theFitIsTheLeastNegativeLogLikelihood() {
    List<LabelledPrediction> items = new ArrayList<>();
    double[] ps = {0.95, 0.7, 0.6, 0.85, 0.55, 0.99, 0.3};
    int[] gold = {0, 1, 0, 0, 1, 0, 0};
    for (int i = 0; i < ps.length; i++) {
      items.add(new LabelledPrediction(List.of("a", "b", "c"),
          List.of(Math.log(ps[i] * 0.9), Math.log((1 - ps[i]) * 0.6), Math.log((1 - ps[i]) * 0.3)), gold[i]));
    }
    double t = TemperatureFit.fit(items);
    double best = TemperatureFit.negativeLogLikelihood(items, t);
    for (double other = 0.05; other < 20; other *= 1.01) {
      assertTrue(TemperatureFit.negativeLogLikelihood(items, other) >= best - 1e-12, "T " + other + " fits better than " + t);
    }
  }

  @Test
  void alwaysRightMakesTheFitStopAtTheSmallestTemperature() {
    assertEquals(TemperatureFit.MIN_TEMPERATURE, TemperatureFit.fit(List.of(item(0.8, 0), item(0.3, 1))), 1e-12);
  }

  @Test
  void badInputIsRefusedNamingTheProblem() {
    IllegalArgumentException gold = assertThrows(IllegalArgumentException.class,
        () -> new LabelledPrediction(YES_NO, List.of(-0.1, Double.NEGATIVE_INFINITY), 1));
    assertTrue(gold.getMessage().contains("gold label \"no\" has probability 0"), gold.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LabelledPrediction(List.of("a", "a"), List.of(-1.0, -1.0), 0));
    assertThrows(IllegalArgumentException.class, () -> new LabelledPrediction(YES_NO, List.of(-1.0), 0));
    assertThrows(IllegalArgumentException.class, () -> new LabelledPrediction(YES_NO, List.of(-1.0, 0.5), 0));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Calibration.of(List.of(), 10));
    assertTrue(none.getMessage().contains("at least one"), none.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Calibration.of(List.of(item(0.5, 0)), 0));
  }

  @Test
  void normalisationIsStableForTinyProbabilities() {
    double[] p = LabelProbabilities.normalise(new double[] {-1000, -1001});

    assertEquals(1 / (1 + Math.exp(-1)), p[0], 1e-12);
    assertEquals(-999.0 + Math.log(Math.exp(-1) + Math.exp(-2)), LabelProbabilities.logSumExp(new double[] {-1000, -1001}), 1e-9);
  }

  @Test
  void theReliabilityDiagramDrawsEachNonEmptyBin() {
    Calibration c = Calibration.of(List.of(item(0.9, 0), item(0.8, 1), item(0.35, 1), item(0.55, 0)), 5);
    Document page = Jsoup.parse(c.html("calibration <test>"));

    assertEquals("calibration <test>", page.title());
    List<Element> bars = page.select("svg.reliability rect.bin");
    assertEquals(3, bars.size());
    Element last = bars.get(2);
    assertEquals("2", last.attr("data-count"));
    assertEquals(0.85, Double.parseDouble(last.attr("data-confidence")), 1e-12);
    assertEquals(0.5, Double.parseDouble(last.attr("data-accuracy")), 1e-12);
    assertEquals(5, page.select("table.bins tbody tr").size());
    assertTrue(page.select("p.figures").text().contains("accuracy 0.7500"), page.select("p.figures").text());
    assertTrue(page.select("script, link, img").isEmpty(), "self-contained");
  }
}
