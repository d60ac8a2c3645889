package dev.nexttoken.analysis;

import dev.nexttoken.logprob.LabelledPrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which label of a closed set a model prefers after a prompt, and how strongly.
 *
 * @param labels each label, in the order given
 * @param top the most likely label, or null when no label's logprob is known
 * @param best {@code top}'s label, or null when the classifier abstained (or nothing is known)
 * @param abstained whether the top label's normalised probability fell under the abstain threshold
 * @param method how the probabilities were found
 * @param unseenMass first-token: the probability the listed candidates left unseen at that position
 *     (some of it may belong to labels); null for {@link ClassificationMethod#EXACT}
 * @param labelMass the probability the model gives the labels together ({@code Σ exp(logprob)} over
 *     the known ones): how much of what the model wanted to say the labels cover
 */
public record Classification(
    List<LabelScore> labels, LabelScore top, String best, boolean abstained, ClassificationMethod method, Double unseenMass,
    double labelMass) {
  public Classification {
    labels = List.copyOf(labels);
    Objects.requireNonNull(method, "method");
  }

  /** The score of {@code label}. */
  public LabelScore label(String label) {
    for (LabelScore s : labels) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("\"" + label + "\" is not one of the labels " + labels.stream().map(LabelScore::label).toList());
  }

  /**
   * This classification as a labelled item for {@link dev.nexttoken.logprob.Calibration}.
   *
   * @throws IllegalArgumentException when {@code gold} is not a label, or some label's logprob is unknown
   */
  public LabelledPrediction withGold(String gold) {
    List<String> names = new ArrayList<>();
    List<Double> logprobs = new ArrayList<>();
    for (LabelScore s : labels) {
      if (s.logprob() == null) {
        throw new IllegalArgumentException("label \"" + s.label() + "\" has no known logprob (" + method.label()
            + ": its first token was not among the listed candidates); calibration needs every label's");
      }
      names.add(s.label());
      logprobs.add(s.logprob());
    }
    int index = names.indexOf(gold);
    if (index < 0) {
      throw new IllegalArgumentException("gold \"" + gold + "\" is not one of the labels " + names);
    }
    return new LabelledPrediction(names, logprobs, index);
  }
}
