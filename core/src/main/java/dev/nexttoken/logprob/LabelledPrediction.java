package dev.nexttoken.logprob;

import java.util.List;

/**
 * One classified item whose right answer is known: the model's logprob of each label of a closed set,
 * and which label is the gold one. The input of {@link Calibration}.
 *
 * @param labels the labels, unique
 * @param logprobs {@code log P(label | prompt)} for each label, unnormalised; finite or {@code -Infinity}
 * @param gold the index of the right label
 */
public record LabelledPrediction(List<String> labels, List<Double> logprobs, int gold) {
  public LabelledPrediction {
    labels = List.copyOf(labels);
    logprobs = List.copyOf(logprobs);
    if (labels.size() < 2) {
      throw new IllegalArgumentException("a prediction needs at least two labels, was " + labels);
    }
    if (logprobs.size() != labels.size()) {
      throw new IllegalArgumentException(labels.size() + " labels but " + logprobs.size() + " logprobs");
    }
    if (labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException("labels must be unique, were " + labels);
    }
    if (gold < 0 || gold >= labels.size()) {
      throw new IllegalArgumentException("gold must be an index into the " + labels.size() + " labels, was " + gold);
    }
    for (int i = 0; i < logprobs.size(); i++) {
      double lp = logprobs.get(i);
      if (Double.isNaN(lp) || lp > 0) {
        throw new IllegalArgumentException("logprob must be <= 0, was " + lp + " for label \"" + labels.get(i) + "\"");
      }
    }
    if (logprobs.get(gold) == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException("the gold label \"" + labels.get(gold) + "\" has probability 0: "
          + "no temperature can make it likelier");
    }
  }

  /** The labels' probabilities normalised over the labels. */
  public double[] probabilities() {
    return LabelProbabilities.normalise(logprobArray(), 1.0);
  }

  /** The index of the most likely label (the first of equals). */
  public int predicted() {
    int best = 0;
    for (int i = 1; i < logprobs.size(); i++) {
      if (logprobs.get(i) > logprobs.get(best)) {
        best = i;
      }
    }
    return best;
  }

  double[] logprobArray() {
    return logprobs.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
