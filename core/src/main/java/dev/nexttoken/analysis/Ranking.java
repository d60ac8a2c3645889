package dev.nexttoken.analysis;

import java.util.List;

/**
 * Continuations of one prompt ranked by how likely the model finds them, the way lm-eval scores
 * multiple choice: by total loglikelihood ({@code acc}) and by loglikelihood per token, which does
 * not favour short answers.
 *
 * @param choices each continuation, in the order given
 * @param best the one with the highest total logprob (the first of equals)
 * @param bestNormalized the one with the highest mean logprob per token (the first of equals)
 */
public record Ranking(List<RankedChoice> choices, RankedChoice best, RankedChoice bestNormalized) {
  public Ranking {
    choices = List.copyOf(choices);
  }

  static Ranking of(List<RankedChoice> choices) {
    RankedChoice best = choices.get(0);
    RankedChoice normalized = choices.get(0);
    for (RankedChoice c : choices) {
      if (c.logprob() > best.logprob()) {
        best = c;
      }
      if (c.meanLogprob() > normalized.meanLogprob()) {
        normalized = c;
      }
    }
    return new Ranking(choices, best, normalized);
  }
}
