package dev.nexttoken.logprob;

/**
 * How likely a whole sequence was, over the tokens whose logprob is known.
 *
 * <p>A position whose logprob is unknown (the first token of an echoed prompt) is left out and
 * counted in {@code tokens - knownLogprobs}, never treated as 0. A token with probability 0 makes
 * the total {@code -Infinity} and the perplexity {@code +Infinity}: that is the honest value.
 *
 * @param tokens positions in the sequence
 * @param knownLogprobs positions whose logprob is known, the ones the statistics cover
 * @param totalLogprob the sum of the known logprobs (0 when none)
 * @param meanLogprob their mean, or null when none is known
 * @param perplexity {@code exp(-meanLogprob)}, or null when none is known
 */
public record SequenceStats(int tokens, int knownLogprobs, double totalLogprob, Double meanLogprob, Double perplexity) {
  /** The statistics of the given logprobs (null entries are unknown). */
  static SequenceStats of(java.util.List<Double> logprobs) {
    int known = 0;
    double total = 0;
    for (Double logprob : logprobs) {
      if (logprob != null) {
        known++;
        total += logprob;
      }
    }
    if (known == 0) {
      return new SequenceStats(logprobs.size(), 0, 0, null, null);
    }
    double mean = total / known;
    return new SequenceStats(logprobs.size(), known, total, mean, Math.exp(-mean));
  }
}
