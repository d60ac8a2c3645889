package dev.nexttoken.internal;

import java.util.Objects;

/**
 * An API key, kept out of every {@code toString()}, exception message and log line.
 *
 * <p>Only the transport calls {@link #reveal()}, to set the authorization header.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * @throws IllegalArgumentException when blank (the message does not echo the value)
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "API key");
    if (value.isBlank()) {
      throw new IllegalArgumentException("API key must not be blank");
    }
    return new Secret(value.strip());
  }

  /** The key itself: for the authorization header only. */
  public String reveal() {
    return value;
  }

  /** {@code text} with every occurrence of the key replaced by {@code ***}; null stays null. */
  public String redact(String text) {
    return text == null ? null : text.replace(value, "***");
  }

  @Override
  public String toString() {
    return "Secret[***]";
  }
}
