package dev.nexttoken.analysis;

import static dev.nexttoken.analysis.WordModel.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.error.InvalidModelOutputException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.JudgeScore;
import dev.nexttoken.logprob.RatingScale;
import org.junit.jupiter.api.Test;

/** A judge's expected rating, read at the rating token after whatever leads up to it. */
class JudgeTest {
  @Test
  void theRatingIsReadAtTheFirstRatingTokenOfTheAnswer() {
    // "Score" → ":" → " 4" (0.6), " 5" (0.3), " 2" (0.1).
    JudgeScore score = Judge.builder(WordModel.scoring(5)).build().rate(ChatRequest.of("Score"));

    assertEquals(1, score.position());
    double expected = 4 * p(":", " 4") + 5 * p(":", " 5") + 2 * p(":", " 2");
    assertEquals(expected, score.expected(), 1e-12);
    assertEquals(1.0, score.coveredMass(), 1e-12);
  }

  @Test
  void aCutOffListCoversLessOfTheScale() {
    JudgeScore score = Judge.builder(WordModel.scoring(2)).build().rate("Score");

    assertEquals(0.9, score.coveredMass(), 1e-12);
    assertEquals((4 * 0.6 + 5 * 0.3) / 0.9, score.expected(), 1e-12);
  }

  @Test
  void anAnswerWithoutARatingIsTheModelsFault() {
    InvalidModelOutputException e = assertThrows(InvalidModelOutputException.class,
        () -> Judge.builder(WordModel.scoring(5)).scale(RatingScale.integers(1, 3)).build().rate("The food is"));
    assertEquals(" good.", e.output());
  }

  @Test
  void aProviderWithoutAlternativesIsRefused() {
    assertThrows(UnsupportedCapabilityException.class, () -> Judge.builder(WordModel.chosenOnly()).build().rate(ChatRequest.of("Score")));
  }
}
