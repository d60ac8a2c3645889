package dev.nexttoken.logprob;

import dev.nexttoken.analysis.NextTokenWalk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Capabilities;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The walk over a known bigram model: greedy follows the argmax, sampling is seeded, stops are right. */
class NextTokenWalkTest {
  private static final String PROMPT = "Weights and Biases is";

  private final BigramModel model = new BigramModel(BigramModel.completionProvider("fake", 20));

  private static List<String> chosen(WalkResult walk) {
    return walk.steps().stream().map(s -> s.row().token()).toList();
  }

  @Test
  void greedyWalkFollowsTheArgmaxUntilTheEndOfSequence() {
    WalkResult walk = NextTokenWalk.builder(model).steps(10).alternatives(3).build().run(PROMPT);

    assertEquals(List.of(" a", " tool", ".", ""), chosen(walk));
    assertEquals(WalkResult.StopReason.END_OF_SEQUENCE, walk.stopReason());
    assertEquals(PROMPT + " a tool.", walk.text());
    assertEquals(" a tool.", walk.generated());
    String prompt = PROMPT;
    for (WalkStep step : walk.steps()) {
      assertTrue(step.argmax());
      assertEquals(1, step.row().rank());
      assertEquals(prompt, step.prompt(), "each step sends the text so far");
      // The row is the model's own distribution after the step's prompt.
      Map<String, Double> truth = BigramModel.BIGRAMS.get(BigramModel.lastWord(step.prompt()));
      assertEquals(Math.min(3, truth.size()), step.row().candidates().size());
      for (TokenCandidate c : step.row().candidates()) {
        assertEquals(truth.get(c.token()), c.probability(), 1e-12);
      }
      prompt += step.row().token();
    }
    assertEquals(0.5 * 0.6 * 0.8 * 0.7, Math.exp(walk.table().stats().totalLogprob()), 1e-12);
  }

  @Test
  void eachStepAsksForOneTokenWithKAlternativesAtTemperatureZero() {
    NextTokenWalk.builder(model).steps(2).alternatives(4)
        .options(GenerationOptions.builder().model("bigram-1").maxTokens(50).temperature(0.9).topLogprobs(1).build())
        .build().run(PROMPT);
    assertEquals(2, model.requests.size());
    for (CompletionRequest request : model.requests) {
      assertEquals(1, request.options().maxTokens());
      assertEquals(0.0, request.options().temperature());
      assertEquals(4, request.options().logprobsOrNone().topLogprobs());
      assertEquals("bigram-1", request.options().model());
    }
    assertEquals(PROMPT + " a", model.requests.get(1).prompt());
  }

  @Test
  void stopsAfterTheRequestedSteps() {
    WalkResult walk = NextTokenWalk.builder(model).steps(2).alternatives(3).build().run(PROMPT);
    assertEquals(List.of(" a", " tool"), chosen(walk));
    assertEquals(WalkResult.StopReason.STEPS, walk.stopReason());
  }

  @Test
  void sampledWalkWithAFixedSeedIsReproducible() {
    List<String> first = chosen(sampledWalk(2024));
    List<String> again = chosen(sampledWalk(2024));
    assertEquals(first, again);
    // Sampling must actually leave the argmax path for some seed, or it would be greedy in disguise.
    boolean leftArgmax = false;
    for (long seed = 0; seed < 20 && !leftArgmax; seed++) {
      leftArgmax = sampledWalk(seed).steps().stream().anyMatch(s -> !s.argmax());
    }
    assertTrue(leftArgmax);
  }

  @Test
  void sampledStepsAreConsistentWithTheirRows() {
    WalkResult walk = sampledWalk(5);
    for (WalkStep step : walk.steps()) {
      TableRow row = step.row();
      assertEquals(row.candidates().get(row.rank() - 1).token(), row.token());
      assertEquals(row.rank() == 1, step.argmax());
      assertEquals(step.prompt() + row.token(), walk.steps().size() > step.index() + 1
          ? walk.steps().get(step.index() + 1).prompt() : walk.text());
    }
  }

  @Test
  void firstSampledTokenFollowsTheModelsDistributionOverManySeeds() {
    int runs = 3000;
    Map<String, Integer> counts = new HashMap<>();
    for (long seed = 0; seed < runs; seed++) {
      counts.merge(NextTokenWalk.builder(model).steps(1).alternatives(3)
          .chooser(new Sampler(SamplingSettings.seeded(seed))).build().run(PROMPT).steps().get(0).row().token(), 1, Integer::sum);
    }
    Map<String, Double> truth = BigramModel.BIGRAMS.get("is");
    double chi = 0;
    for (var e : truth.entrySet()) {
      double expected = runs * e.getValue();
      double diff = counts.getOrDefault(e.getKey(), 0) - expected;
      chi += diff * diff / expected;
    }
    assertTrue(chi < ChiSquare.critical001(truth.size() - 1), "chi-square " + chi + " for " + counts);
  }

  @Test
  void moreAlternativesThanTheProviderGivesFailsBeforeAnyRequest() {
    BigramModel limited = new BigramModel(BigramModel.completionProvider("legacy", 5));
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> NextTokenWalk.builder(limited).alternatives(6).build().run(PROMPT));
    assertTrue(e.getMessage().contains("legacy") && e.getMessage().contains("5"), e.getMessage());
    assertEquals("legacy", e.provider());
    assertTrue(limited.requests.isEmpty());
  }

  @Test
  void chatOnlyProviderIsToldItCannotWalk() {
    Capabilities chatOnly = new Capabilities("cohere", OperationCapabilities.unsupported("Cohere has chat only"),
        BigramModel.completionProvider("cohere", 0).completion(), null);
    BigramModel cohere = new BigramModel(chatOnly);
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> NextTokenWalk.builder(cohere).build().run(PROMPT));
    assertTrue(e.getMessage().contains("cohere") && e.getMessage().contains("completion"), e.getMessage());
    assertTrue(cohere.requests.isEmpty());
  }

  @Test
  void providerWithoutAlternativesIsToldItCannotWalk() {
    BigramModel chosenOnly = new BigramModel(BigramModel.completionProvider("chosenonly", 0));
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> NextTokenWalk.builder(chosenOnly).build().run(PROMPT));
    assertTrue(e.getMessage().contains("alternative"), e.getMessage());
  }

  @Test
  void builderRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> NextTokenWalk.builder(model).steps(0));
    assertThrows(IllegalArgumentException.class, () -> NextTokenWalk.builder(model).alternatives(0));
  }

  @Test
  void aTokenThatIsOnlyPartOfACharacterEndsTheWalk() {
    Map<String, Map<String, Double>> bigrams = new LinkedHashMap<>(BigramModel.BIGRAMS);
    BigramModel model = new BigramModel(BigramModel.completionProvider("fake", 20), bigrams) {
      @Override
      public dev.nexttoken.Completion complete(CompletionRequest request) {
        requests.add(request);
        // llama.cpp's shape for half a character: empty text, raw bytes.
        TokenCandidate half = new TokenCandidate("", new byte[] {(byte) 0xE6}, 7, Math.log(0.9));
        TokenCandidate other = new TokenCandidate("x", new byte[] {'x'}, 8, Math.log(0.1));
        return new dev.nexttoken.Completion("", null, null, null, null,
            List.of(new TokenLogprob("", new byte[] {(byte) 0xE6}, 7, Math.log(0.9), List.of(half, other))), null);
      }
    };
    WalkResult walk = NextTokenWalk.builder(model).steps(5).alternatives(2).build().run("x");
    assertEquals(WalkResult.StopReason.PARTIAL_CHARACTER, walk.stopReason());
    assertEquals(1, walk.steps().size());
    assertEquals("\\xE6", walk.steps().get(0).row().display());
    assertEquals("x", walk.text(), "half a character is not appended");
    assertFalse(walk.table().text().isEmpty(), "the table still shows it (as U+FFFD in its text)");
  }

  private WalkResult sampledWalk(long seed) {
    return NextTokenWalk.builder(model).steps(8).alternatives(3).chooser(new Sampler(SamplingSettings.seeded(seed))).build().run(PROMPT);
  }
}
