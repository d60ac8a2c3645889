package dev.nexttoken;

import java.util.Objects;

/**
 * What a provider and model support, per operation; requests asking for more fail before sending.
 *
 * @param provider the provider's name
 * @param completion text completion
 * @param chat chat
 * @param vocabularySize the model's vocabulary size when known (lets tables bound entropy), else null
 */
public record Capabilities(String provider, OperationCapabilities completion, OperationCapabilities chat, Integer vocabularySize) {
  public Capabilities {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(completion, "completion");
    Objects.requireNonNull(chat, "chat");
  }

  /** The capabilities of one operation. */
  public OperationCapabilities of(Operation operation) {
    return operation == Operation.COMPLETION ? completion : chat;
  }

  /** A copy that knows the vocabulary size. */
  public Capabilities withVocabularySize(Integer size) {
    return new Capabilities(provider, completion, chat, size);
  }
}
