package dev.nexttoken.analysis;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Multiple choice by loglikelihood: each continuation scored after the prompt with
 * {@link LanguageModel#score}, so every token of it counts, exactly.
 *
 * <pre>{@code
 * Ranking ranking = ChoiceRanker.of(model).rank("The capital of France is", List.of(" Paris", " Lyon"));
 * System.out.println(ranking.best().choice());
 * }</pre>
 *
 * <p>Needs a provider that can score a given text (llama.cpp, OpenAI's legacy completion models,
 * vLLM); any other fails before sending anything with {@link UnsupportedCapabilityException}. Each
 * choice is one request. Thread-safe.
 */
public final class ChoiceRanker {
  private final LanguageModel model;
  private final String modelName;

  private ChoiceRanker(LanguageModel model, String modelName) {
    this.model = Objects.requireNonNull(model, "model");
    this.modelName = modelName;
  }

  /** Ranks with {@code model}'s default model. */
  public static ChoiceRanker of(LanguageModel model) {
    return new ChoiceRanker(model, null);
  }

  /** Ranks with the model named {@code modelName} (null for the client's default). */
  public static ChoiceRanker of(LanguageModel model, String modelName) {
    return new ChoiceRanker(model, modelName);
  }

  /**
   * Scores each of {@code choices} as the continuation of {@code prompt}; include the leading space a
   * continuation needs ({@code " Paris"}).
   *
   * @throws IllegalArgumentException for no choices, an empty one, or one given twice
   * @throws UnsupportedCapabilityException before any request, when the provider cannot score
   */
  public Ranking rank(String prompt, List<String> choices) {
    Objects.requireNonNull(prompt, "prompt");
    checkTexts(choices, "choice", 1);
    Requirements.scoring(model.capabilities(modelName), "ranking continuations");
    List<RankedChoice> ranked = new ArrayList<>(choices.size());
    for (String choice : choices) {
      ranked.add(score(prompt, choice));
    }
    return Ranking.of(ranked);
  }

  /** One continuation's loglikelihood; every one of its tokens must have a known logprob. */
  RankedChoice score(String prompt, String text) {
    ScoredText scored = model.score(new ScoreRequest(prompt, text, 0, modelName));
    int tokens = scored.stats().tokens();
    if (tokens == 0) {
      throw new MalformedResponseException(model.provider() + " scored no token of \"" + text + "\"", ErrorDetails.of(model.provider()));
    }
    if (scored.stats().knownLogprobs() < tokens) {
      // OpenAI cannot score the first token of its input: with an empty prompt that is the choice's.
      throw new UnsupportedCapabilityException(model.provider() + " could not score every token of \"" + text + "\""
          + (prompt.isEmpty() ? " (it cannot score the first token of its input: give a prompt)" : ""), ErrorDetails.of(model.provider()));
    }
    return new RankedChoice(text, scored.totalLogprob(), tokens, scored.totalLogprob() / tokens);
  }

  /** At least {@code min} non-empty, unique texts. */
  static void checkTexts(List<String> texts, String what, int min) {
    Objects.requireNonNull(texts, what + "s");
    if (texts.size() < min) {
      throw new IllegalArgumentException("at least " + min + " " + what + (min == 1 ? "" : "s") + " needed, was " + texts.size());
    }
    Set<String> seen = new HashSet<>();
    for (String text : texts) {
      if (text == null || text.isEmpty()) {
        throw new IllegalArgumentException("a " + what + " must not be empty");
      }
      if (!seen.add(text)) {
        throw new IllegalArgumentException(what + " \"" + text + "\" is given twice");
      }
    }
  }
}
