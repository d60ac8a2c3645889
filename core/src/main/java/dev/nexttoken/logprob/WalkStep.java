package dev.nexttoken.logprob;

import java.util.Objects;

/**
 * One step of a {@code NextTokenWalk} ({@code dev.nexttoken.analysis}): the text the model was asked to continue and the distribution
 * the next token was chosen from.
 *
 * @param index the 0-based step number (also {@code row.position()})
 * @param prompt the whole text sent at this step: the walk's prompt plus every token chosen before
 * @param row the distribution at this step, with the chosen token as the row's token and rank
 * @param argmax whether the chosen token was the model's most likely listed candidate
 */
public record WalkStep(int index, String prompt, TableRow row, boolean argmax) {
  public WalkStep {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(row, "row");
  }

  /** The chosen token. */
  public TokenCandidate chosen() {
    return row.chosen();
  }
}
