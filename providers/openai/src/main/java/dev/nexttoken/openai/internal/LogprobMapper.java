package dev.nexttoken.openai.internal;

import dev.nexttoken.logprob.Logprobs;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.wire.openai.Alternatives;
import java.util.List;
import java.util.Map;

/**
 * Turns the logprob shapes of {@code /v1/completions} into neutral {@link TokenLogprob}s: the legacy
 * parallel arrays, and llama.cpp's chat-style entries (chat itself is read by the shared
 * {@code dev.nexttoken.wire.openai.ChatResponseReader}).
 *
 * <p>Alternatives come out in rank order (most likely first) and at most {@code k} of them: the
 * legacy endpoint adds the sampled token as a (k+1)-th entry when it is not among the top k, and
 * compatible servers are asked for one alternative when the caller wants none (llama.cpp returns
 * nothing for 0). The chosen token's own logprob is always on the {@link TokenLogprob} itself.
 */
public final class LogprobMapper {
  private LogprobMapper() {}

  /** Appends one neutral entry per chat-style entry to {@code out}. */
  public static void addEntries(List<TokenEntry> entries, int k, List<TokenLogprob> out) {
    if (entries == null) {
      return;
    }
    for (TokenEntry entry : entries) {
      out.add(fromEntry(entry, k));
    }
  }

  static TokenLogprob fromEntry(TokenEntry entry, int k) {
    return new TokenLogprob(text(entry.token()), entry.bytes(), entry.id(), logprob(entry.logprob()), candidates(entry.topLogprobs(), k));
  }

  /**
   * Appends positions {@code [from, to)} of the legacy arrays to {@code out}. A missing logprob
   * (the first echoed prompt token) stays null, with no alternatives.
   */
  public static void addLegacy(CompletionResponse.Logprobs wire, int from, int to, int k, List<TokenLogprob> out) {
    List<String> tokens = wire.tokens();
    List<Double> logprobs = wire.tokenLogprobs();
    List<Map<String, Double>> tops = wire.topLogprobs();
    for (int i = from; i < to; i++) {
      Double logprob = logprobs != null && i < logprobs.size() ? logprobs.get(i) : null;
      Map<String, Double> top = tops != null && i < tops.size() ? tops.get(i) : null;
      out.add(new TokenLogprob(text(tokens.get(i)), null, null, logprob(logprob), candidates(top, k)));
    }
  }

  private static List<TokenCandidate> candidates(List<TokenEntry> top, int k) {
    if (top == null || top.isEmpty() || k == 0) {
      return List.of();
    }
    TokenCandidate[] all = new TokenCandidate[top.size()];
    int n = 0;
    for (TokenEntry entry : top) {
      if (entry.logprob() != null) {
        all[n++] = new TokenCandidate(text(entry.token()), entry.bytes(), entry.id(), Logprobs.fromProviderLogprob(entry.logprob()));
      }
    }
    return Alternatives.ranked(all, n, k);
  }

  private static List<TokenCandidate> candidates(Map<String, Double> top, int k) {
    if (top == null || top.isEmpty() || k == 0) {
      return List.of();
    }
    TokenCandidate[] all = new TokenCandidate[top.size()];
    int n = 0;
    if (top instanceof LegacyAlternatives scanned) { // the arrays themselves: no entry, no boxed logprob
      for (int i = 0; i < all.length; i++) {
        double logprob = scanned.logprob(i);
        if (!Double.isNaN(logprob)) {
          all[n++] = new TokenCandidate(scanned.token(i), null, null, Logprobs.fromProviderLogprob(logprob));
        }
      }
      return Alternatives.ranked(all, n, k);
    }
    for (Map.Entry<String, Double> entry : top.entrySet()) {
      if (entry.getValue() != null) {
        all[n++] = new TokenCandidate(text(entry.getKey()), null, null, Logprobs.fromProviderLogprob(entry.getValue()));
      }
    }
    return Alternatives.ranked(all, n, k);
  }

  private static Double logprob(Double value) {
    return value == null ? null : Logprobs.fromProviderLogprob(value);
  }

  private static String text(String token) {
    return token == null ? "" : token;
  }
}
