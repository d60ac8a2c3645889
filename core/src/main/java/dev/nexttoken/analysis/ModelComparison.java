package dev.nexttoken.analysis;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.logprob.Agreement;
import dev.nexttoken.logprob.TokenIdentity;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Two models' next-token distributions side by side, as an {@link Agreement}: two providers, or two
 * versions of one model (drift).
 *
 * <pre>{@code
 * // Drift: the same text read by both versions, so every position has the same context.
 * Agreement drift = ModelComparison.scored(oldModel, newModel,
 *     ScoreRequest.of("Weights and Biases is", " the machine learning platform").withTopLogprobs(20), TokenIdentity.ID);
 * System.out.println(drift.summary().meanTotalVariation());
 * }</pre>
 */
public final class ModelComparison {
  private ModelComparison() {}

  /** Two answers to one chat request and how their distributions agree. */
  public record Answers(Completion a, Completion b, Agreement agreement) {}

  /**
   * Scores one text with both models and compares them position by position. Both read the same
   * text, so the comparison never loses its shared context the way two generated answers do once
   * they part; both models must be able to score ({@link LanguageModel#score}).
   */
  public static Agreement scored(LanguageModel a, LanguageModel b, ScoreRequest request, TokenIdentity identity) {
    Requirements.scoring(a.capabilities(request.model()), "comparing scored texts");
    Requirements.scoring(b.capabilities(request.model()), "comparing scored texts");
    CompletableFuture<ScoredText> first = CompletableFuture.supplyAsync(() -> a.score(request), a.asyncExecutor());
    ScoredText second = b.score(request);
    ScoredText firstResult = join(first);
    return Agreement.of(firstResult.table(null), second.table(null), identity);
  }

  /**
   * Sends {@code request} to both models at once and compares their answers by text: what two
   * providers make of one prompt. The request must ask for logprobs, with alternatives for the
   * divergences to be informative.
   */
  public static Answers chat(LanguageModel a, LanguageModel b, ChatRequest request) {
    CompletableFuture<Completion> first = a.chatAsync(request);
    Completion second = b.chat(request);
    Completion firstAnswer = join(first);
    check(a, firstAnswer);
    check(b, second);
    return new Answers(firstAnswer, second, Agreement.of(firstAnswer.logprobs(), second.logprobs()));
  }

  private static void check(LanguageModel model, Completion answer) {
    if (answer.logprobs() == null) {
      throw new MalformedResponseException(model.provider() + " answered without logprobs; ask for them (topLogprobs) to compare",
          ErrorDetails.of(model.provider()));
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
