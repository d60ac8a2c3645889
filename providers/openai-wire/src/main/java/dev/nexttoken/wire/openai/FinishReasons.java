package dev.nexttoken.wire.openai;

import dev.nexttoken.FinishReason;
import dev.nexttoken.FinishReason.Kind;

/**
 * {@code finish_reason} values in neutral terms, the raw value kept: OpenAI's, which llama.cpp's
 * ({@code stop}, {@code length}, {@code tool_calls}) are a subset of.
 */
public final class FinishReasons {
  private static final FinishReason STOP = FinishReason.of(Kind.STOP, "stop");
  private static final FinishReason LENGTH = FinishReason.of(Kind.LENGTH, "length");

  private FinishReasons() {}

  /** The neutral reason, or null while generation goes on. */
  public static FinishReason of(String raw) {
    if (raw == null) {
      return null;
    }
    return switch (raw) {
      case "stop" -> STOP;
      case "length" -> LENGTH;
      case "content_filter" -> FinishReason.of(Kind.CONTENT_FILTER, raw);
      case "tool_calls", "function_call" -> FinishReason.of(Kind.TOOL_CALLS, raw);
      default -> FinishReason.of(Kind.OTHER, raw);
    };
  }

  /** A refusal: the model declined, whatever {@code finish_reason} says (usually {@code stop}). */
  static FinishReason refusal(String raw) {
    return FinishReason.of(Kind.CONTENT_FILTER, raw);
  }
}
