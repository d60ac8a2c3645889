package dev.nexttoken;

import java.util.Objects;

/**
 * What to score: {@code text}, read by the model after {@code prompt}. The model's logprob of each
 * token of {@code text} is reported; the prompt is context only.
 *
 * <p>The text is appended to the prompt exactly as given: include a leading space where one
 * belongs ({@code ScoreRequest.of("The capital of France is", " Paris")}). Providers tokenize
 * prompt and text together, as the model would read them, and score the tokens past the prompt:
 * a token that straddles the seam (it starts in the prompt and ends in the text) belongs to the
 * text and is scored. Tokenizing the two apart would give different tokens at the seam.
 *
 * @param prompt the context before the text; empty for none, never null
 * @param text the text to score; not empty
 * @param topLogprobs how many alternatives to report per position (0 = the scored token only)
 * @param model the model name, or null for the client's default
 */
public record ScoreRequest(String prompt, String text, int topLogprobs, String model) {
  public ScoreRequest {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("text must not be empty: there is nothing to score");
    }
    if (topLogprobs < 0) {
      throw new IllegalArgumentException("topLogprobs must be >= 0, was " + topLogprobs);
    }
    if (model != null && model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
  }

  /** Scores the whole of {@code text}, with no prompt and no alternatives. */
  public static ScoreRequest of(String text) {
    return new ScoreRequest("", text, 0, null);
  }

  /** Scores {@code text} as the continuation of {@code prompt}, with no alternatives. */
  public static ScoreRequest of(String prompt, String text) {
    return new ScoreRequest(prompt, text, 0, null);
  }

  /** This request, also reporting the {@code k} most likely alternatives at each position. */
  public ScoreRequest withTopLogprobs(int k) {
    return new ScoreRequest(prompt, text, k, model);
  }

  /** This request for another model. */
  public ScoreRequest withModel(String name) {
    return new ScoreRequest(prompt, text, topLogprobs, name);
  }

  /** What the model reads: the prompt followed by the text. */
  public String fullText() {
    return prompt + text;
  }
}
