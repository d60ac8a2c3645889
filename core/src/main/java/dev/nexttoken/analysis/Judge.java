package dev.nexttoken.analysis;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.InvalidModelOutputException;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.logprob.JudgeScore;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.RatingScale;
import java.util.Objects;

/**
 * A model as a judge, scored G-Eval style: it answers with a rating, and the rating is read from the
 * distribution at the rating token (the expected score over the scale, and the mass the scale's
 * tokens held) instead of from the one token it happened to pick.
 *
 * <pre>{@code
 * Judge judge = Judge.builder(model).scale(RatingScale.integers(1, 5)).build();
 * JudgeScore score = judge.rate(ChatRequest.of("Rate the fluency of this summary from 1 to 5: ..."));
 * System.out.println(score.expected() + " (scale covers " + score.coveredMass() + ")");
 * }</pre>
 *
 * <p>The answer is generated at temperature 0 with alternatives, up to {@code maxTokens} tokens; the
 * rating token is the first whose text is one of the scale's ratings, so an answer may lead with
 * "Score:". Thread-safe.
 */
public final class Judge {
  private final LanguageModel model;
  private final RatingScale scale;
  private final Integer alternatives;
  private final int maxTokens;
  private final String modelName;

  private Judge(Builder builder) {
    this.model = builder.model;
    this.scale = Objects.requireNonNull(builder.scale, "scale");
    this.alternatives = builder.alternatives;
    this.maxTokens = builder.maxTokens;
    this.modelName = builder.modelName;
  }

  public static Builder builder(LanguageModel model) {
    return new Builder(model);
  }

  /**
   * The judge's rating of {@code conversation} (its messages; the options are the judge's).
   *
   * @throws dev.nexttoken.error.UnsupportedCapabilityException before sending, when the provider's chat reports no alternatives
   * @throws InvalidModelOutputException when no token of the answer is a rating of the scale
   */
  public JudgeScore rate(ChatRequest conversation) {
    Capabilities capabilities = model.capabilities(modelName);
    Requirements.alternatives(capabilities, Operation.CHAT, "a judge score");
    return read(model.chat(new ChatRequest(conversation.messages(), options(capabilities, Operation.CHAT))));
  }

  /** The judge's rating as the continuation of a text prompt; see {@link #rate(ChatRequest)}. */
  public JudgeScore rate(String prompt) {
    Capabilities capabilities = model.capabilities(modelName);
    Requirements.alternatives(capabilities, Operation.COMPLETION, "a judge score of a text prompt");
    return read(model.complete(CompletionRequest.builder(prompt).options(options(capabilities, Operation.COMPLETION)).build()));
  }

  private GenerationOptions options(Capabilities capabilities, Operation operation) {
    return GenerationOptions.builder()
        .model(modelName)
        .maxTokens(maxTokens)
        .temperature(0.0)
        .topLogprobs(Requirements.alternativesToAsk(capabilities, operation, alternatives))
        .build();
  }

  private JudgeScore read(Completion answer) {
    if (answer.logprobs() == null) {
      throw new MalformedResponseException(model.provider() + " answered without logprobs; a judge score needs them",
          ErrorDetails.of(model.provider()));
    }
    try {
      return JudgeScore.of(ProbabilityTable.of(answer.logprobs()), scale);
    } catch (IllegalArgumentException e) {
      throw new InvalidModelOutputException(e.getMessage(), answer.text(), e);
    }
  }

  /** Configures a {@link Judge}. */
  public static final class Builder {
    private final LanguageModel model;
    private RatingScale scale = RatingScale.integers(1, 5);
    private Integer alternatives;
    private int maxTokens = 8;
    private String modelName;

    private Builder(LanguageModel model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The ratings the judge answers with (default 1 to 5). */
    public Builder scale(RatingScale value) {
      scale = Objects.requireNonNull(value, "scale");
      return this;
    }

    /** Alternatives per position; default min(20, the provider's maximum). */
    public Builder alternatives(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("alternatives must be >= 1, was " + value);
      }
      alternatives = value;
      return this;
    }

    /** The most tokens the judge may write before its rating (default 8). */
    public Builder maxTokens(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxTokens must be >= 1, was " + value);
      }
      maxTokens = value;
      return this;
    }

    /** The model name (null for the client's default). */
    public Builder model(String name) {
      modelName = name;
      return this;
    }

    public Judge build() {
      return new Judge(this);
    }
  }
}
