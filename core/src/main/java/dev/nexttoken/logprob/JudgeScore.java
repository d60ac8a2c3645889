package dev.nexttoken.logprob;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;

/**
 * A judge's rating read from its distribution rather than its one sampled token (G-Eval): the
 * expected score {@code Σ score · p / Σ p} over the ratings at the position where the judge gave its
 * rating, and how much probability those ratings held there. A small {@code coveredMass} means the
 * judge mostly wanted to say something else, and the expected score says little.
 *
 * <p>Only the alternatives the provider listed are seen: a rating outside them counts as 0, so
 * {@code coveredMass} is a lower bound on the ratings' mass, and the expected score is over the
 * ratings seen.
 *
 * @param position the position of the rating token in the answer
 * @param expected the expected score over the ratings seen, or null when none was seen
 * @param coveredMass the probability the ratings seen held at that position
 * @param probabilities each rating's probability there, in the scale's order (0 when not listed)
 * @param chosen the rating the judge's own token stands for
 */
public record JudgeScore(int position, Double expected, double coveredMass, List<Double> probabilities, RatingScale.Rating chosen) {
  public JudgeScore {
    probabilities = List.copyOf(probabilities);
  }

  /**
   * The score at the first position of {@code table} whose chosen token is a rating of {@code scale}.
   *
   * @throws IllegalArgumentException when no chosen token is a rating
   */
  public static JudgeScore of(ProbabilityTable table, RatingScale scale) {
    for (TableRow row : table.rows()) {
      RatingScale.Rating chosen = scale.match(text(row.token(), row.bytes()));
      if (chosen != null) {
        return at(row, scale, chosen);
      }
    }
    throw new IllegalArgumentException("no token of the answer \"" + table.text() + "\" is a rating of the scale "
        + scale.ratings().stream().map(RatingScale.Rating::text).toList());
  }

  /** The score at one row, whatever its chosen token. */
  public static JudgeScore at(TableRow row, RatingScale scale) {
    return at(row, scale, scale.match(text(row.token(), row.bytes())));
  }

  private static JudgeScore at(TableRow row, RatingScale scale, RatingScale.Rating chosen) {
    List<RatingScale.Rating> ratings = scale.ratings();
    double[] mass = new double[ratings.size()];
    for (TokenCandidate c : row.candidates()) {
      add(mass, ratings, scale.match(text(c.token(), c.sharedBytes())), c.probability());
    }
    if (row.rank() == null && row.logprob() != null) {
      add(mass, ratings, chosen, row.probability());
    }
    double covered = 0;
    double weighted = 0;
    List<Double> probabilities = new ArrayList<>(mass.length);
    for (int i = 0; i < mass.length; i++) {
      covered += mass[i];
      weighted += mass[i] * ratings.get(i).score();
      probabilities.add(mass[i]);
    }
    return new JudgeScore(row.position(), covered > 0 ? weighted / covered : null, Math.min(1, covered), probabilities, chosen);
  }

  private static void add(double[] mass, List<RatingScale.Rating> ratings, RatingScale.Rating rating, double p) {
    if (rating != null) {
      mass[ratings.indexOf(rating)] += p;
    }
  }

  private static String text(String token, byte[] bytes) {
    return bytes != null ? new String(bytes, UTF_8) : token;
  }
}
