package dev.nexttoken;

/** The operations a {@link LanguageModel} offers; capabilities are stated per operation. */
public enum Operation {
  COMPLETION,
  CHAT;

  /** "completion" or "chat", for messages. */
  public String label() {
    return this == COMPLETION ? "completion" : "chat";
  }
}
