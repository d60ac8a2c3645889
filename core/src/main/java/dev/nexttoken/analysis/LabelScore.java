package dev.nexttoken.analysis;

import java.util.Objects;

/**
 * One label of a {@link Classification}.
 *
 * @param label the label, exactly as given (leading space included)
 * @param logprob {@code log P(label | prompt)}, unnormalised; null when unknown (first-token: its first
 *     token was not among the listed candidates)
 * @param probability the label's probability normalised over the labels with a known logprob; null
 *     when its logprob is unknown
 * @param tokens how many tokens the logprob covers: all of the label's (exact), 1 (first-token), 0 when unknown
 * @param token the candidate that stood for the label (first-token), or null
 */
public record LabelScore(String label, Double logprob, Double probability, int tokens, String token) {
  public LabelScore {
    Objects.requireNonNull(label, "label");
  }
}
