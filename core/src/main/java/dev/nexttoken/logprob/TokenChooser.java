package dev.nexttoken.logprob;

/** Picks the next token from a table row: greedily, or by sampling ({@link Sampler}). */
@FunctionalInterface
public interface TokenChooser {
  /**
   * One of {@code row}'s candidates.
   *
   * @throws IllegalArgumentException when the row lists no candidates to choose from
   */
  TokenCandidate choose(TableRow row);

  /** The most likely candidate, ties broken by rank. */
  static TokenChooser greedy() {
    return row -> Sampler.chooseGreedy(row);
  }
}
