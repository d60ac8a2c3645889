package dev.nexttoken.logprob;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How sure a model was of an answer, from its tokens' logprobs: how likely the whole sequence was, the
 * token it was least sure of, how spread out each next-token distribution was (entropy, bounded where
 * alternatives were cut off), how close the runner-up came (the margin between the top two), and the
 * stretches of text made of tokens under a probability threshold.
 *
 * <pre>{@code
 * AnswerUncertainty u = AnswerUncertainty.of(answer.table(vocabularySize), 0.5);
 * u.lowConfidence().forEach(span -> System.out.println(span.text() + " " + span.minProbability()));
 * System.out.println(new TextRenderer(false, 5).highlight(u));
 * }</pre>
 *
 * <p>Tokens whose logprob is unknown count in none of the figures; positions without alternatives
 * count in no entropy and no margin. The margin assumes the listed candidates are the provider's most
 * likely tokens, which every provider's list is.
 *
 * @param table the answer's tokens
 * @param threshold tokens with a probability under this are low-confidence
 * @param sequenceProbability {@code exp} of the total logprob (it underflows to 0 for long answers:
 *     use {@code table.stats().totalLogprob()}), or null when no logprob is known
 * @param leastLikely the row of the least likely token, or null when no logprob is known
 * @param meanEntropy the mean over positions with alternatives, each position's entropy bounded as
 *     {@link Entropy} bounds it; null when no position has alternatives
 * @param maxEntropy bounds on the largest entropy among them; null likewise
 * @param margins per position, the top candidate's probability minus the second's; null where fewer
 *     than two candidates are listed
 * @param minMargin the smallest margin, or null when none is known
 * @param lowConfidence the spans of consecutive tokens under the threshold, in text order
 */
public record AnswerUncertainty(
    ProbabilityTable table,
    double threshold,
    Double sequenceProbability,
    TableRow leastLikely,
    Entropy meanEntropy,
    Entropy maxEntropy,
    List<Double> margins,
    Double minMargin,
    List<ConfidenceSpan> lowConfidence) {

  public AnswerUncertainty {
    Objects.requireNonNull(table, "table");
    checkThreshold(threshold);
    margins = Collections.unmodifiableList(new ArrayList<>(margins));
    lowConfidence = List.copyOf(lowConfidence);
  }

  /** The uncertainty of the answer {@code table} holds; tokens under {@code threshold} are low-confidence. */
  public static AnswerUncertainty of(ProbabilityTable table, double threshold) {
    checkThreshold(threshold);
    TableRow least = null;
    List<Entropy> entropies = new ArrayList<>();
    List<Double> margins = new ArrayList<>(table.size());
    Double minMargin = null;
    for (TableRow row : table.rows()) {
      if (row.logprob() != null && (least == null || row.logprob() < least.logprob())) {
        least = row;
      }
      if (row.entropy() != null) {
        entropies.add(row.entropy());
      }
      Double margin = row.candidates().size() < 2 ? null
          : row.candidates().get(0).probability() - row.candidates().get(1).probability();
      margins.add(margin);
      if (margin != null && (minMargin == null || margin < minMargin)) {
        minMargin = margin;
      }
    }
    SequenceStats stats = table.stats();
    Double sequence = stats.knownLogprobs() == 0 ? null : Math.exp(stats.totalLogprob());
    return new AnswerUncertainty(table, threshold, sequence, least, mean(entropies), max(entropies), margins, minMargin,
        LowConfidenceSpans.of(table, threshold));
  }

  /** The sum of the known logprobs. */
  public double totalLogprob() {
    return table.stats().totalLogprob();
  }

  /** The mean known logprob, or null when none is known. */
  public Double meanLogprob() {
    return table.stats().meanLogprob();
  }

  /** {@code exp(-meanLogprob)}, or null when no logprob is known. */
  public Double perplexity() {
    return table.stats().perplexity();
  }

  private static void checkThreshold(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be a probability in [0, 1], was " + threshold);
    }
  }

  private static Entropy mean(List<Entropy> entropies) {
    if (entropies.isEmpty()) {
      return null;
    }
    double lower = 0;
    double upper = 0;
    boolean bounded = true;
    boolean exact = true;
    for (Entropy e : entropies) {
      lower += e.lowerBound();
      bounded &= e.upperBound() != null;
      upper += bounded ? e.upperBound() : 0;
      exact &= e.exact();
    }
    int n = entropies.size();
    return exact ? Entropy.exactly(lower / n) : new Entropy(lower / n, bounded ? Math.max(lower, upper) / n : null, false);
  }

  private static Entropy max(List<Entropy> entropies) {
    if (entropies.isEmpty()) {
      return null;
    }
    double lower = 0;
    double upper = 0;
    boolean bounded = true;
    boolean exact = true;
    for (Entropy e : entropies) {
      lower = Math.max(lower, e.lowerBound());
      bounded &= e.upperBound() != null;
      upper = bounded ? Math.max(upper, e.upperBound()) : 0;
      exact &= e.exact();
    }
    return exact ? Entropy.exactly(lower) : new Entropy(lower, bounded ? Math.max(lower, upper) : null, false);
  }
}
