package dev.nexttoken.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.Agreement;
import dev.nexttoken.logprob.TokenIdentity;
import org.junit.jupiter.api.Test;

/** Two models side by side: the same model twice agrees everywhere. */
class ModelComparisonTest {
  @Test
  void aModelScoredTwiceAgreesWithItselfEverywhere() {
    Agreement same = ModelComparison.scored(WordModel.scoring(5), WordModel.scoring(5),
        ScoreRequest.of("The food is", " good value").withTopLogprobs(5), TokenIdentity.TEXT);

    assertEquals(2, same.summary().comparablePositions());
    assertEquals(1.0, same.summary().top1Agreement());
    assertEquals(0, same.summary().meanTotalVariation().upper(), 1e-12);
    assertNull(same.summary().firstDifference());
  }

  @Test
  void twoAnswersToOneRequest() {
    ModelComparison.Answers answers = ModelComparison.chat(WordModel.scoring(2), WordModel.scoring(4),
        ChatRequest.builder().user("The food is").maxTokens(2).topLogprobs(2).build());

    assertEquals(" good.", answers.a().text());
    assertEquals(2, answers.agreement().positions().size());
    // A lists 2 of 4 after "is", B lists all 4 of the row's words: the bounds have room for A's unseen 0.2.
    assertEquals(0.2, answers.agreement().positions().get(0).divergence().totalVariation().upper(), 1e-12);
    assertEquals(0, answers.agreement().positions().get(0).divergence().totalVariation().lower(), 1e-12);
  }

  @Test
  void scoringIsNeededOnBothSides() {
    assertThrows(UnsupportedCapabilityException.class, () -> ModelComparison.scored(WordModel.scoring(5), WordModel.generating(5),
        ScoreRequest.of("x", " y"), TokenIdentity.TEXT));
  }
}
