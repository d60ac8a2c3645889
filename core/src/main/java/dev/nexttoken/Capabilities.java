package dev.nexttoken;

import java.util.Objects;

/**
 * What a provider and model support, per operation; requests asking for more fail before sending.
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
}
