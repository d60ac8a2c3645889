package dev.nexttoken;

import java.util.Locale;

/**
 * How much a reasoning model thinks before it answers. Providers map it to their own knob
 * (OpenAI {@code reasoning_effort} / {@code reasoning.effort}, Gemini {@code thinkingConfig},
 * Ollama {@code think}); {@link OperationCapabilities#reasoningEffort()} says which have one.
 */
public enum ReasoningEffort {
  MINIMAL,
  LOW,
  MEDIUM,
  HIGH;

  /** The lower-case name the wire formats use. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code minimal|low|medium|high}, any case. */
  public static ReasoningEffort parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("reasoning effort must be minimal, low, medium or high, was \"" + value + "\"");
    }
  }
}
