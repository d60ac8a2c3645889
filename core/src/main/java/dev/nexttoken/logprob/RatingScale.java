package dev.nexttoken.logprob;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ratings a judge may answer with, each the text of a token and the score it stands for:
 * {@code "1"} … {@code "5"}, or words ({@code "poor"} = 1, {@code "good"} = 3). A token matches a
 * rating when its text, stripped of surrounding whitespace, equals the rating's text, so
 * {@code " 4"} and {@code "4"} both mean 4.
 *
 * @param ratings the ratings, texts unique and without surrounding whitespace
 */
public record RatingScale(List<Rating> ratings) {
  /** One rating: the token text a judge answers with, and its score. */
  public record Rating(String text, double score) {
    public Rating {
      Objects.requireNonNull(text, "text");
      if (text.isBlank() || !text.equals(text.strip())) {
        throw new IllegalArgumentException("a rating's text must be non-blank without surrounding whitespace, was \"" + text + "\"");
      }
      if (!Double.isFinite(score)) {
        throw new IllegalArgumentException("a rating's score must be finite, was " + score + " for \"" + text + "\"");
      }
    }
  }

  public RatingScale {
    ratings = List.copyOf(ratings);
    if (ratings.size() < 2) {
      throw new IllegalArgumentException("a rating scale needs at least two ratings, was " + ratings.size());
    }
    Set<String> seen = new HashSet<>();
    for (Rating r : ratings) {
      if (!seen.add(r.text())) {
        throw new IllegalArgumentException("rating \"" + r.text() + "\" is given twice");
      }
    }
  }

  /** The integers {@code from} … {@code to} as ratings: {@code integers(1, 5)} is "1" = 1 … "5" = 5. */
  public static RatingScale integers(int from, int to) {
    if (to <= from) {
      throw new IllegalArgumentException("an integer scale needs from < to, was " + from + ".." + to);
    }
    List<Rating> ratings = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      ratings.add(new Rating(Integer.toString(i), i));
    }
    return new RatingScale(ratings);
  }

  /** The rating a token's text stands for, or null when it is none of them. */
  public Rating match(String tokenText) {
    String stripped = tokenText.strip();
    for (Rating r : ratings) {
      if (r.text().equals(stripped)) {
        return r;
      }
    }
    return null;
  }
}
