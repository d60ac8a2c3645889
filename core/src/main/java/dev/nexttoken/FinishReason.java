package dev.nexttoken;

import java.util.Locale;
import java.util.Objects;

/**
 * Why generation stopped, in neutral terms, keeping the provider's own value.
 *
 * @param kind the neutral reason
 * @param raw the provider's value ({@code "stop"}, {@code "MAX_TOKENS"}, {@code "eos"}, ...), or null
 */
public record FinishReason(Kind kind, String raw) {
  /** The neutral reasons. */
  public enum Kind {
    STOP,
    LENGTH,
    CONTENT_FILTER,
    TOOL_CALLS,
    ERROR,
    OTHER;

    /** The lower-case name used in JSON output ({@code "content_filter"}). */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public FinishReason {
    Objects.requireNonNull(kind, "kind");
  }

  public static FinishReason of(Kind kind, String raw) {
    return new FinishReason(kind, raw);
  }
}
