package dev.nexttoken.llamacpp.internal;

import dev.nexttoken.FinishReason;
import dev.nexttoken.FinishReason.Kind;

/** The native {@code /completion}'s stop reasons in neutral terms, keeping the server's own value (chat's are the shared wire's). */
final class FinishReasons {
  private FinishReasons() {}

  /** From a native response's {@code stop_type}, or the {@code stopped_*} flags of servers that predate it. */
  static FinishReason fromNative(NativeCompletionResponse response) {
    String raw = response.stopType();
    if (raw == null) {
      if (Boolean.TRUE.equals(response.stoppedEos())) {
        raw = "eos";
      } else if (Boolean.TRUE.equals(response.stoppedWord())) {
        raw = "word";
      } else if (Boolean.TRUE.equals(response.stoppedLimit())) {
        raw = "limit";
      } else {
        return null;
      }
    }
    Kind kind = switch (raw) {
      case "eos", "word" -> Kind.STOP;
      case "limit" -> Kind.LENGTH;
      default -> Kind.OTHER;
    };
    return FinishReason.of(kind, raw);
  }
}
