package dev.nexttoken.logprob;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a model's confidence can be trusted, from items whose right label is known: how often its
 * top label was right, how far its confidence was from that (expected calibration error, Brier
 * score, per-bin reliability), and the temperature that would have made its label probabilities
 * fit best.
 *
 * <pre>{@code
 * Calibration c = Calibration.of(predictions, 10);
 * System.out.println(c.accuracy() + " " + c.ece() + " " + c.temperature());
 * }</pre>
 *
 * <p>Each item's probabilities are its labels' logprobs normalised over its labels. The confidence
 * is the top label's probability; bin {@code b} of {@code B} holds confidences in
 * {@code [b/B, (b+1)/B)}, the last bin 1.0 too; {@code ECE = Σ_b (n_b / N) · |accuracy_b − confidence_b|}.
 * The Brier score is the mean over items of {@code Σ_labels (p − y)²} (0 is perfect, 2 the worst).
 * The temperature {@code T} minimises the negative log-likelihood of the gold labels under
 * {@code softmax(logprob / T)} ({@link TemperatureFit}): above 1 the model was overconfident, below
 * 1 underconfident.
 *
 * @param n the number of items
 * @param accuracy the share whose top label was the gold one
 * @param ece the expected calibration error over {@code bins}
 * @param brier the multi-class Brier score
 * @param temperature the fitted temperature
 * @param bins the bins, lowest first, empty ones included
 */
public record Calibration(int n, double accuracy, double ece, double brier, double temperature, List<CalibrationBin> bins) {
  public Calibration {
    bins = List.copyOf(bins);
  }

  /**
   * The calibration of {@code items} over {@code binCount} equal-width bins.
   *
   * @throws IllegalArgumentException when there are no items or fewer than one bin
   */
  public static Calibration of(List<LabelledPrediction> items, int binCount) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("calibration needs at least one labelled item");
    }
    if (binCount < 1) {
      throw new IllegalArgumentException("bins must be >= 1, was " + binCount);
    }
    int[] counts = new int[binCount];
    double[] confidence = new double[binCount];
    int[] right = new int[binCount];
    int correct = 0;
    double brier = 0;
    for (LabelledPrediction item : items) {
      double[] p = item.probabilities();
      int top = item.predicted();
      boolean hit = top == item.gold();
      correct += hit ? 1 : 0;
      for (int i = 0; i < p.length; i++) {
        double y = i == item.gold() ? 1 : 0;
        brier += (p[i] - y) * (p[i] - y);
      }
      int bin = Math.min(binCount - 1, (int) Math.floor(p[top] * binCount));
      counts[bin]++;
      confidence[bin] += p[top];
      right[bin] += hit ? 1 : 0;
    }
    int n = items.size();
    double ece = 0;
    List<CalibrationBin> bins = new ArrayList<>(binCount);
    for (int b = 0; b < binCount; b++) {
      double lower = (double) b / binCount;
      double upper = (double) (b + 1) / binCount;
      if (counts[b] == 0) {
        bins.add(new CalibrationBin(lower, upper, 0, null, null));
        continue;
      }
      double conf = confidence[b] / counts[b];
      double acc = (double) right[b] / counts[b];
      ece += (double) counts[b] / n * Math.abs(acc - conf);
      bins.add(new CalibrationBin(lower, upper, counts[b], conf, acc));
    }
    return new Calibration(n, (double) correct / n, ece, brier / n, TemperatureFit.fit(items), bins);
  }

  /** The reliability diagram alone, as an inline SVG element (what {@link #html} draws), to embed in another page. */
  public String svg() {
    return ReliabilityDiagram.svg(this);
  }

  /** This calibration as a self-contained HTML page with its reliability diagram. */
  public String html(String title) {
    return ReliabilityDiagram.page(this, title);
  }
}
