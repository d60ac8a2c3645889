package dev.nexttoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.contract.FakeProviderModel;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.spi.HttpTransport;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The provider-neutral scoring API: the request, the result's statistics, and the checks made before sending. */
class ScoringTest {
  private static final OperationCapabilities OPERATION =
      OperationCapabilities.builder().streaming().logprobs(5).logprobsInStream().build();

  @Test
  void requestAppendsTheTextToThePromptExactlyAsGiven() {
    ScoreRequest r = ScoreRequest.of("The capital of France is", " Paris").withTopLogprobs(3).withModel("m");

    assertEquals("The capital of France is Paris", r.fullText());
    assertEquals(3, r.topLogprobs());
    assertEquals("m", r.model());
    assertEquals("", ScoreRequest.of("Paris").prompt());
  }

  @Test
  void requestRejectsWhatCannotBeScored() {
    assertEquals("text must not be empty: there is nothing to score",
        assertThrows(IllegalArgumentException.class, () -> ScoreRequest.of("prompt", "")).getMessage());
    assertEquals("topLogprobs must be >= 0, was -1",
        assertThrows(IllegalArgumentException.class, () -> ScoreRequest.of("x").withTopLogprobs(-1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ScoreRequest.of("x").withModel(" "));
    assertThrows(NullPointerException.class, () -> new ScoreRequest(null, "x", 0, null));
  }

  @Test
  void statisticsLeaveUnknownLogprobsOut() {
    List<TokenLogprob> tokens = List.of(
        new TokenLogprob("The", null, null, null, List.of()),
        new TokenLogprob(" cat", null, null, Math.log(0.25), List.of()),
        new TokenLogprob(" sat", null, null, Math.log(0.5), List.of()));

    ScoredText scored = ScoredText.of(tokens, "m", null, null);

    assertEquals(Math.log(0.125), scored.totalLogprob(), 1e-12);
    assertEquals(Math.log(0.125) / 2, scored.meanLogprob(), 1e-12);
    assertEquals(Math.exp(-Math.log(0.125) / 2), scored.perplexity(), 1e-12);
    assertEquals(3, scored.stats().tokens());
    assertEquals(2, scored.stats().knownLogprobs());
    assertEquals(Usage.UNKNOWN, scored.usage());
  }

  @Test
  void tableGivesTheRankOfTheScoredToken() {
    TokenLogprob unlikely = new TokenLogprob(" dog", null, 7, Math.log(0.1), List.of(
        new TokenCandidate(" cat", null, 3, Math.log(0.6)), new TokenCandidate(" dog", null, 7, Math.log(0.1))));

    ScoredText scored = ScoredText.of(List.of(unlikely), null, null, null);

    assertEquals(2, scored.table(null).row(0).rank());
  }

  @Test
  void capabilitiesWithoutScoringSayItIsUnsupported() {
    Capabilities old = new Capabilities("acme", OPERATION, OPERATION, null);

    assertFalse(old.scoring().supported());
    ScoringCapabilities scoring = new ScoringCapabilities(true, 5, true, true, false, null);
    Capabilities withScoring = old.withScoring(scoring).withVocabularySize(100);
    assertSame(scoring, withScoring.scoring());
    assertEquals(100, withScoring.vocabularySize());
  }

  @Test
  void aProviderThatCannotScoreFailsBeforeSendingAndNamesItself() {
    try (FakeProviderModel model = FakeProviderModel.builder().baseUrl("http://127.0.0.1:9/v1/").model("m").build()) {
      UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> model.score("Paris"));

      assertEquals("fake cannot score a given text", e.getMessage());
      assertEquals("fake", e.provider());
      assertEquals(0, e.httpStatus());
    }
  }

  @Test
  void theRefusalCarriesTheProvidersNote() {
    LanguageModel model = new ScoringModel(ScoringCapabilities.unsupported("no scoring route"), null);
    try (model) {
      assertEquals("acme cannot score a given text: no scoring route",
          assertThrows(UnsupportedCapabilityException.class, () -> model.score(ScoreRequest.of("x"))).getMessage());
    }
  }

  @Test
  void scoringMergesTheDefaultModelAndChecksTheAlternativesLimit() {
    try (ScoringModel model = new ScoringModel(new ScoringCapabilities(true, 5, false, false, false, null), "default-model")) {
      model.score(ScoreRequest.of("a", "b").withTopLogprobs(5));
      model.score(ScoreRequest.of("b").withModel("other"));

      assertEquals(List.of("default-model", "other"), model.models);
      UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
          () -> model.score(ScoreRequest.of("b").withTopLogprobs(6)));
      assertEquals("topLogprobs must be at most 5 for acme scoring, was 6", e.getMessage());
      assertEquals(2, model.models.size(), "nothing was scored");
    }
  }

  @Test
  void aModelIsRequiredWhereTheProviderNeedsOne() {
    try (ScoringModel model = new ScoringModel(new ScoringCapabilities(true, 5, false, false, false, null), null)) {
      assertEquals("acme: no model given; set one on the request or as the client's default",
          assertThrows(RequestValidationException.class, () -> model.score("x")).getMessage());
    }
  }

  @Test
  void scoringCapabilitiesCannotOfferAlternativesWithoutScoring() {
    assertThrows(IllegalArgumentException.class, () -> new ScoringCapabilities(false, 5, false, false, false, null));
    assertNull(ScoringCapabilities.unsupported(null).note());
  }

  /** A provider whose scoring records the requests that reach it. */
  private static final class ScoringModel extends AbstractLanguageModel {
    private final Capabilities capabilities;
    final List<String> models = new ArrayList<>();

    ScoringModel(ScoringCapabilities scoring, String defaultModel) {
      super(HttpTransport.builder("acme", HttpUrl.get("http://127.0.0.1:9/")).build(),
          GenerationOptions.builder().model(defaultModel).build());
      capabilities = new Capabilities("acme", OPERATION, OPERATION, null, scoring);
    }

    @Override
    public Capabilities capabilities() {
      return capabilities;
    }

    @Override
    protected ScoredText doScore(ScoreRequest request) {
      models.add(request.model());
      return ScoredText.of(List.of(), request.model(), null, null);
    }

    @Override
    protected Completion doComplete(CompletionRequest request) {
      throw new AssertionError("not called");
    }

    @Override
    protected CompletionStream doCompleteStreaming(CompletionRequest request) {
      throw new AssertionError("not called");
    }

    @Override
    protected Completion doChat(ChatRequest request) {
      throw new AssertionError("not called");
    }

    @Override
    protected CompletionStream doChatStreaming(ChatRequest request) {
      throw new AssertionError("not called");
    }
  }
}
