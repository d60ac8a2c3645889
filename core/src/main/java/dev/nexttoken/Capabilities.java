package dev.nexttoken;

import java.util.Objects;

/**
 * What a provider and model support, per operation; requests asking for more fail before sending.
 *
 * <pre>{@code
 * Capabilities capabilities = Capabilities.builder("acme")
 *     .completion(OperationCapabilities.builder().streaming().logprobs(5).build())
 *     .chat(OperationCapabilities.unsupported("completion only"))
 *     .build();
 * }</pre>
 *
 * <p>Where a provider's models differ, {@link LanguageModel#capabilities(String)} answers for one model.
 *
 * @param provider the provider's name
 * @param completion text completion
 * @param chat chat
 * @param vocabularySize the model's vocabulary size when known (lets tables bound entropy), else null
 * @param scoring whether and how a given text can be scored ({@link LanguageModel#score(ScoreRequest)})
 */
public record Capabilities(
    String provider, OperationCapabilities completion, OperationCapabilities chat, Integer vocabularySize, ScoringCapabilities scoring) {
  public Capabilities {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(completion, "completion");
    Objects.requireNonNull(chat, "chat");
    scoring = scoring == null ? ScoringCapabilities.unsupported(null) : scoring;
  }

  /** Capabilities of a provider that cannot score a given text. */
  public Capabilities(String provider, OperationCapabilities completion, OperationCapabilities chat, Integer vocabularySize) {
    this(provider, completion, chat, vocabularySize, null);
  }

  /** A builder; both operations start {@linkplain OperationCapabilities#unsupported unsupported}, scoring too. */
  public static Builder builder(String provider) {
    return new Builder(provider);
  }

  /** The capabilities of one operation. */
  public OperationCapabilities of(Operation operation) {
    return operation == Operation.COMPLETION ? completion : chat;
  }

  /** A copy that knows the vocabulary size. */
  public Capabilities withVocabularySize(Integer size) {
    return new Capabilities(provider, completion, chat, size, scoring);
  }

  /** A copy with these scoring capabilities. */
  public Capabilities withScoring(ScoringCapabilities value) {
    return new Capabilities(provider, completion, chat, vocabularySize, value);
  }

  /** Declares {@link Capabilities} by name. */
  public static final class Builder {
    private final String provider;
    private OperationCapabilities completion = OperationCapabilities.unsupported(null);
    private OperationCapabilities chat = OperationCapabilities.unsupported(null);
    private Integer vocabularySize;
    private ScoringCapabilities scoring;

    private Builder(String provider) {
      this.provider = provider;
    }

    public Builder completion(OperationCapabilities value) {
      completion = value;
      return this;
    }

    public Builder chat(OperationCapabilities value) {
      chat = value;
      return this;
    }

    public Builder vocabularySize(Integer value) {
      vocabularySize = value;
      return this;
    }

    public Builder scoring(ScoringCapabilities value) {
      scoring = value;
      return this;
    }

    public Capabilities build() {
      return new Capabilities(provider, completion, chat, vocabularySize, scoring);
    }
  }
}
