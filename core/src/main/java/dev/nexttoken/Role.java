package dev.nexttoken;

/**
 * Who speaks a chat message. Providers without a {@code developer} role send it as {@code system};
 * {@code TOOL} carries a tool's result back to the model ({@link Message#toolResult}).
 */
public enum Role {
  SYSTEM,
  DEVELOPER,
  USER,
  ASSISTANT,
  TOOL;

  /** The lower-case name every provider's wire format uses. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
