package dev.nexttoken.analysis;

import static dev.nexttoken.analysis.WordModel.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.LabelledPrediction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels' probabilities from a model whose every probability is known ({@link WordModel}). */
class ClassifierTest {
  private static final String PROMPT = "The service is";

  @Test
  void whereTheProviderScoresEveryTokenOfEachLabelCounts() {
    Classification c = Classifier.builder(WordModel.scoring(5)).build()
        .classify(PROMPT, List.of(" good value", " bad value", " fine"));

    assertEquals(ClassificationMethod.EXACT, c.method());
    double good = p("is", " good") * p("good", " value");
    double bad = p("is", " bad") * p("bad", " value");
    double fine = p("is", " fine");
    assertEquals(Math.log(good), c.label(" good value").logprob(), 1e-12);
    assertEquals(2, c.label(" good value").tokens());
    assertEquals(good / (good + bad + fine), c.label(" good value").probability(), 1e-12);
    assertEquals(fine / (good + bad + fine), c.label(" fine").probability(), 1e-12);
    assertEquals(good + bad + fine, c.labelMass(), 1e-12);
    assertEquals(" good value", c.best());
    assertNull(c.unseenMass());
  }

  @Test
  void otherwiseTheFirstTokensAlternativesGiveTheProbabilities() {
    WordModel model = WordModel.generating(3);
    Classification c = Classifier.builder(model).build().classify(PROMPT, List.of(" good value", " bad", " 4"));

    assertEquals(ClassificationMethod.FIRST_TOKEN, c.method());
    assertEquals(1, model.requests.get(), "one request for all labels");
    assertEquals(Math.log(p("is", " good")), c.label(" good value").logprob(), 1e-12, "the first token's probability");
    assertEquals(" good", c.label(" good value").token());
    double known = p("is", " good") + p("is", " bad");
    assertEquals(p("is", " bad") / known, c.label(" bad").probability(), 1e-12);
    // " 4" is fifth, outside the top 3: unknown, and the unseen mass says how much is missing.
    assertNull(c.label(" 4").logprob());
    assertNull(c.label(" 4").probability());
    assertEquals(0, c.label(" 4").tokens());
    assertEquals(1 - p("is", " good") - p("is", " bad") - p("is", " fine"), c.unseenMass(), 1e-12);
  }

  @Test
  void aConversationIsClassifiedByTheFirstTokenOfItsAnswer() {
    Classification c = Classifier.builder(WordModel.scoring(5)).build()
        .classify(ChatRequest.of(PROMPT), List.of(" good", " bad"));

    assertEquals(ClassificationMethod.FIRST_TOKEN, c.method());
    assertEquals(p("is", " good") / (p("is", " good") + p("is", " bad")), c.top().probability(), 1e-12);
  }

  @Test
  void underTheThresholdTheClassifierAbstains() {
    Classification c = Classifier.builder(WordModel.scoring(5)).abstainBelow(0.7).build().classify(PROMPT, List.of(" good", " bad"));

    assertTrue(c.abstained());
    assertNull(c.best());
    assertEquals(" good", c.top().label(), "the top label is still known");
    assertFalse(Classifier.builder(WordModel.scoring(5)).abstainBelow(0.6).build().classify(PROMPT, List.of(" good", " bad")).abstained());
  }

  @Test
  void aClassificationWithItsGoldIsACalibrationItem() {
    Classification c = Classifier.builder(WordModel.scoring(5)).build().classify(PROMPT, List.of(" good", " bad"));

    LabelledPrediction item = c.withGold(" bad");
    assertEquals(1, item.gold());
    assertEquals(List.of(Math.log(p("is", " good")), Math.log(p("is", " bad"))), item.logprobs());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withGold(" ugly"));
    assertTrue(e.getMessage().contains("\" ugly\" is not one of the labels"), e.getMessage());
  }

  @Test
  void aProviderThatCannotIsRefusedBeforeAnyRequest() {
    WordModel bare = WordModel.chosenOnly();
    UnsupportedCapabilityException chat = assertThrows(UnsupportedCapabilityException.class,
        () -> Classifier.builder(bare).build().classify(ChatRequest.of(PROMPT), List.of(" good", " bad")));
    assertTrue(chat.getMessage().contains("alternatives to the generated token, which bare's chat does not report"), chat.getMessage());
    UnsupportedCapabilityException text = assertThrows(UnsupportedCapabilityException.class,
        () -> Classifier.builder(bare).build().classify(PROMPT, List.of(" good", " bad")));
    assertTrue(text.getMessage().contains("text completion, which bare does not offer"), text.getMessage());
    UnsupportedCapabilityException exact = assertThrows(UnsupportedCapabilityException.class,
        () -> Classifier.builder(WordModel.generating(5)).method(ClassificationMethod.EXACT).build().classify(PROMPT, List.of(" a", " b")));
    assertTrue(exact.getMessage().contains("exact scoring of a given text, which words cannot do"), exact.getMessage());
    assertEquals(0, bare.requests.get());
  }

  @Test
  void labelsAreChecked() {
    Classifier classifier = Classifier.builder(WordModel.scoring(5)).build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> classifier.classify(PROMPT, List.of(" good")))
        .getMessage().contains("at least 2 labels"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> classifier.classify(PROMPT, List.of(" good", " good")))
        .getMessage().contains("label \" good\" is given twice"));
    assertThrows(IllegalArgumentException.class, () -> classifier.classify(PROMPT, List.of(" good", "")));
    assertThrows(IllegalArgumentException.class, () -> Classifier.builder(WordModel.scoring(5)).abstainBelow(2));
  }
}
