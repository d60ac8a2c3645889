package dev.nexttoken;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Added to the logits of chosen tokens before sampling: {@code -100} bans a token, {@code +100}
 * all but forces it (OpenAI's range). Token ids work everywhere that has the option; llama.cpp
 * also takes strings, which it tokenizes itself ({@link OperationCapabilities#logitBiasByText()}).
 *
 * @param byTokenId bias per token id
 * @param byText bias per string (llama.cpp only), empty elsewhere
 */
public record LogitBias(Map<Integer, Double> byTokenId, Map<String, Double> byText) {
  public LogitBias {
    byTokenId = byTokenId == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byTokenId));
    byText = byText == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byText));
    for (var e : byTokenId.entrySet()) {
      check(e.getKey() == null || e.getKey() < 0 ? null : e.getValue(), "token " + e.getKey());
    }
    for (var e : byText.entrySet()) {
      check(e.getKey() == null || e.getKey().isEmpty() ? null : e.getValue(), "text \"" + e.getKey() + "\"");
    }
    if (byTokenId.isEmpty() && byText.isEmpty()) {
      throw new IllegalArgumentException("logit bias must name at least one token");
    }
  }

  private static void check(Double bias, String what) {
    if (bias == null || bias.isNaN() || bias.isInfinite()) {
      throw new IllegalArgumentException("logit bias for " + what + " must be a finite number on a token id >= 0 or a non-empty string");
    }
  }

  /** Bias by token id. */
  public static LogitBias ofTokenIds(Map<Integer, Double> bias) {
    return new LogitBias(bias, Map.of());
  }

  /** The most extreme bias given, for the range check. */
  public double maxMagnitude() {
    double max = 0;
    for (double v : byTokenId.values()) {
      max = Math.max(max, Math.abs(v));
    }
    for (double v : byText.values()) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
