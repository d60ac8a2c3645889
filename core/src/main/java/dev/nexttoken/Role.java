package dev.nexttoken;

/** Who speaks a chat message. Providers without a {@code developer} role send it as {@code system}. */
public enum Role {
  SYSTEM,
  DEVELOPER,
  USER,
  ASSISTANT;

  /** The lower-case name every provider's wire format uses. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
