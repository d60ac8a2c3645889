package dev.nexttoken.logprob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The expected rating over a scale, from the alternatives at the rating token. */
class JudgeScoreTest {
  private static TokenCandidate c(String token, double p) {
    return new TokenCandidate(token, null, null, Math.log(p));
  }

  @Test
  void theExpectedScoreWeighsEachRatingByItsProbability() {
    TokenLogprob lead = new TokenLogprob("Score:", null, null, Math.log(0.9), List.of(c("Score:", 0.9)));
    TokenLogprob rating = new TokenLogprob(" 4", null, null, Math.log(0.5),
        List.of(c(" 4", 0.5), c(" 5", 0.2), c("4", 0.1), c(" three", 0.1), c(" 3", 0.05)));
    JudgeScore score = JudgeScore.of(ProbabilityTable.of(List.of(lead, rating)), RatingScale.integers(1, 5));

    assertEquals(1, score.position(), "the first token that is a rating");
    // " 4" and "4" are both 4; " three" is not on the scale.
    double mass = 0.5 + 0.2 + 0.1 + 0.05;
    assertEquals(mass, score.coveredMass(), 1e-12);
    assertEquals((4 * 0.6 + 5 * 0.2 + 3 * 0.05) / mass, score.expected(), 1e-12);
    assertEquals(List.of(0.0, 0.0, 0.05, 0.6, 0.2), score.probabilities().stream().map(p -> Math.round(p * 1e12) / 1e12).toList());
    assertEquals("4", score.chosen().text());
  }

  @Test
  void aWordScale() {
    RatingScale scale = new RatingScale(List.of(new RatingScale.Rating("poor", 0), new RatingScale.Rating("good", 1)));
    TokenLogprob rating = new TokenLogprob(" good", null, null, Math.log(0.6), List.of(c(" good", 0.6), c(" poor", 0.2)));

    assertEquals(0.75, JudgeScore.of(ProbabilityTable.of(List.of(rating)), scale).expected(), 1e-12);
  }

  @Test
  void withoutAlternativesOnlyTheChosenRatingIsSeen() {
    TokenLogprob rating = new TokenLogprob("2", null, null, Math.log(0.7), null);
    JudgeScore score = JudgeScore.of(ProbabilityTable.of(List.of(rating)), RatingScale.integers(1, 5));

    assertEquals(2.0, score.expected(), 1e-12);
    assertEquals(0.7, score.coveredMass(), 1e-12);
  }

  @Test
  void anAnswerWithoutARatingIsRefusedNamingTheScale() {
    TokenLogprob word = new TokenLogprob(" fine", null, null, -0.1, List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JudgeScore.of(ProbabilityTable.of(List.of(word)), RatingScale.integers(1, 3)));
    assertTrue(e.getMessage().contains("[1, 2, 3]"), e.getMessage());
    assertNull(JudgeScore.at(ProbabilityTable.of(List.of(word)).row(0), RatingScale.integers(1, 3)).expected());
  }

  @Test
  void aScaleIsCheckedWhenBuilt() {
    assertThrows(IllegalArgumentException.class, () -> RatingScale.integers(3, 3));
    assertThrows(IllegalArgumentException.class, () -> new RatingScale.Rating(" 4", 4));
    assertThrows(IllegalArgumentException.class,
        () -> new RatingScale(List.of(new RatingScale.Rating("a", 1), new RatingScale.Rating("a", 2))));
  }
}
