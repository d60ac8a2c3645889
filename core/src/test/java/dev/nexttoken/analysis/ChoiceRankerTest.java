package dev.nexttoken.analysis;

import static dev.nexttoken.analysis.WordModel.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Continuations ranked by total and per-token loglikelihood. */
class ChoiceRankerTest {
  @Test
  void eachChoiceHasItsLoglikelihoodInTotalAndPerToken() {
    Ranking ranking = ChoiceRanker.of(WordModel.scoring(0)).rank("The food is", List.of(" good value", " fine.", " bad"));

    double goodValue = Math.log(p("is", " good")) + Math.log(p("good", " value"));
    RankedChoice first = ranking.choices().get(0);
    assertEquals(" good value", first.choice());
    assertEquals(goodValue, first.logprob(), 1e-12);
    assertEquals(2, first.tokens());
    assertEquals(goodValue / 2, first.meanLogprob(), 1e-12);
    double fine = Math.log(p("is", " fine")) + Math.log(p("fine", "."));
    assertEquals(fine, ranking.choices().get(1).logprob(), 1e-12);
    assertEquals(Math.log(p("is", " bad")), ranking.choices().get(2).logprob(), 1e-12);
    // In total " bad" (0.3) beats " good value" (0.2); per token sqrt(0.2) ≈ 0.45 beats 0.3.
    assertEquals(" bad", ranking.best().choice());
    assertEquals(" good value", ranking.bestNormalized().choice());
  }

  @Test
  void lengthNormalisationCanPickALongerChoice() {
    Ranking ranking = ChoiceRanker.of(WordModel.scoring(0)).rank("The food is", List.of(" fine.", " bad"));

    // fine . = 0.15 * 1.0 in total, but per token sqrt(0.15) ≈ 0.39 beats bad's 0.3.
    assertEquals(" bad", ranking.best().choice());
    assertEquals(" fine.", ranking.bestNormalized().choice());
  }

  @Test
  void aProviderThatCannotScoreIsRefusedBeforeAnyRequest() {
    WordModel model = WordModel.generating(5);
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> ChoiceRanker.of(model).rank("x is", List.of(" good", " bad")));

    assertTrue(e.getMessage().startsWith("ranking continuations needs exact scoring of a given text, which words cannot do"), e.getMessage());
    assertEquals(0, model.requests.get());
  }
}
