package dev.nexttoken.wire.openai;

import dev.nexttoken.logprob.TokenCandidate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A position's alternatives as the SDK reports them: in rank order (most likely first) and at most
 * {@code k}. Servers send more than asked for (the legacy endpoint adds the sampled token as a
 * (k+1)-th entry; compatible servers are asked for one when the caller wants none) and do not
 * promise an order.
 */
public final class Alternatives {
  private static final Comparator<TokenCandidate> RANK = (a, b) -> Double.compare(b.logprob(), a.logprob());

  private Alternatives() {}

  /**
   * The first {@code n} of {@code all} sorted by logprob (stable, so ties keep the provider's
   * order), cut to {@code k}; {@code all} may be reordered.
   */
  public static List<TokenCandidate> ranked(TokenCandidate[] all, int n, int k) {
    if (!descending(all, n)) {
      Arrays.sort(all, 0, n, RANK);
    }
    int size = Math.min(n, k);
    return List.of(size == all.length ? all : Arrays.copyOf(all, size));
  }

  private static boolean descending(TokenCandidate[] all, int n) {
    for (int i = 1; i < n; i++) {
      if (all[i - 1].logprob() < all[i].logprob()) {
        return false;
      }
    }
    return true;
  }
}
