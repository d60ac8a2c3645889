package dev.nexttoken.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a row's {@code tokens} (as {@link dev.nexttoken.logprob.JsonRenderer} wrote them) back into
 * {@link TokenLogprob}s, for the summary's agreement and the report's drill-down. A logprob written as
 * null with {@code prob} 0 was {@code -Infinity}; a provider's own rank outside the listed candidates
 * is not kept.
 */
final class TokenJson {
  private TokenJson() {}

  /** The tokens of {@code array}, or null when it is null. */
  static List<TokenLogprob> read(JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    List<TokenLogprob> tokens = new ArrayList<>(array.size());
    for (JsonNode t : array) {
      List<TokenCandidate> top = null;
      JsonNode candidates = t.get("top");
      if (candidates != null && candidates.isArray()) {
        top = new ArrayList<>(candidates.size());
        for (JsonNode c : candidates) {
          Double logprob = logprob(c);
          top.add(new TokenCandidate(c.path("token").asText(), bytes(c.get("bytes")), id(c), logprob == null ? Double.NEGATIVE_INFINITY : logprob));
        }
      }
      // The written rank is the listed rank where the candidates show it; the table derives that again.
      tokens.add(new TokenLogprob(t.path("token").asText(), bytes(t.get("bytes")), id(t), logprob(t), top));
    }
    return tokens;
  }

  private static Double logprob(JsonNode t) {
    JsonNode lp = t.get("logprob");
    if (lp != null && lp.isNumber()) {
      return lp.asDouble();
    }
    JsonNode p = t.get("prob");
    return p != null && p.isNumber() && p.asDouble() == 0 ? Double.NEGATIVE_INFINITY : null;
  }

  private static Integer id(JsonNode t) {
    JsonNode id = t.get("id");
    return id == null || id.isNull() ? null : id.asInt();
  }

  private static byte[] bytes(JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    byte[] out = new byte[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) array.get(i).asInt();
    }
    return out;
  }
}
