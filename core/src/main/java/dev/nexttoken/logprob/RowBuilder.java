package dev.nexttoken.logprob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Computes one {@link TableRow} from a provider's {@link TokenLogprob}: ranks, masses, entropy. The
 * rank among the candidates is computed here; the provider's own rank ({@link TokenLogprob#rank()})
 * is passed through as {@link TableRow#reportedRank()}.
 */
final class RowBuilder {
  /** Unseen mass below this counts as none: providers round logprobs to float precision or less. */
  static final double MASS_TOLERANCE = 1e-6;

  private RowBuilder() {}

  static TableRow build(int position, TokenLogprob token, Integer vocabularySize, Utf8.Piece piece) {
    List<TokenCandidate> listed = token.topLogprobs();
    boolean known = listed != null && !listed.isEmpty();
    if (!known) {
      return new TableRow(position, token.token(), token.sharedBytes(), token.id(), token.logprob(), List.of(), false,
          null, null, null, null, piece.text(), piece.display(), token.rank());
    }
    List<TokenCandidate> candidates = rankOrder(withoutDuplicates(listed));
    Integer rank = null;
    for (int i = 0; i < candidates.size(); i++) {
      TokenCandidate c = candidates.get(i);
      if (sameToken(c.token(), c.sharedBytes(), c.id(), token.token(), token.sharedBytes(), token.id())) {
        rank = i + 1;
        break;
      }
    }
    double covered = 0;
    double listedEntropy = 0;
    int listedTokens = candidates.size();
    for (TokenCandidate c : candidates) {
      covered += c.probability();
      listedEntropy += entropyTerm(c.logprob());
    }
    if (rank == null && token.logprob() != null) {
      // The chosen token is outside the list but its own probability is known: it is seen mass too.
      covered += Math.exp(token.logprob());
      listedEntropy += entropyTerm(token.logprob());
      listedTokens++;
    }
    // Rounded logprobs can sum a hair above 1; clamp so covered + unseen = 1 holds.
    covered = Math.min(1.0, covered);
    double unseen = 1.0 - covered;
    Entropy entropy = entropy(listedEntropy, unseen, listedTokens, vocabularySize);
    return new TableRow(position, token.token(), token.sharedBytes(), token.id(), token.logprob(), candidates, true,
        rank, covered, unseen, entropy, piece.text(), piece.display(), token.rank());
  }

  /** See {@link Entropy} for why these are the bounds. */
  static Entropy entropy(double listedEntropy, double unseen, int listedTokens, Integer vocabularySize) {
    if (unseen <= MASS_TOLERANCE || (vocabularySize != null && listedTokens >= vocabularySize)) {
      return Entropy.exactly(listedEntropy);
    }
    double lower = listedEntropy - unseen * Math.log(unseen);
    if (vocabularySize == null) {
      return new Entropy(lower, null, false);
    }
    int remaining = vocabularySize - listedTokens;
    if (remaining == 1) {
      return Entropy.exactly(lower);
    }
    return new Entropy(lower, lower + unseen * Math.log(remaining), false);
  }

  /** {@code -p ln p}, with {@code 0 ln 0 = 0}. */
  static double entropyTerm(double logprob) {
    return logprob == Double.NEGATIVE_INFINITY ? 0.0 : -Math.exp(logprob) * logprob;
  }

  /** Two tokens are the same if their ids match; without ids, their bytes; without bytes, their text. */
  static boolean sameToken(String tokenA, byte[] bytesA, Integer idA, String tokenB, byte[] bytesB, Integer idB) {
    if (idA != null && idB != null) {
      return idA.equals(idB);
    }
    if (bytesA != null && bytesB != null) {
      return Arrays.equals(bytesA, bytesB);
    }
    return tokenA.equals(tokenB);
  }

  /**
   * The list with repeats removed, the first kept (OpenAI's legacy completions can list the chosen
   * token a second time). Identity is the strongest one every candidate has: id, bytes, or text.
   * Lists are a handful of candidates (at most 20 at OpenAI), so a pairwise scan beats hashing, and
   * the usual list without repeats is returned as it is.
   */
  static List<TokenCandidate> withoutDuplicates(List<TokenCandidate> listed) {
    boolean allIds = true;
    boolean allBytes = true;
    for (TokenCandidate c : listed) {
      allIds &= c.id() != null;
      allBytes &= c.sharedBytes() != null;
    }
    List<TokenCandidate> out = null;
    for (int i = 0; i < listed.size(); i++) {
      TokenCandidate c = listed.get(i);
      boolean repeat = false;
      for (int j = 0; j < i && !repeat; j++) {
        repeat = sameIdentity(listed.get(j), c, allIds, allBytes);
      }
      if (repeat && out == null) {
        out = new ArrayList<>(listed.subList(0, i));
      } else if (!repeat && out != null) {
        out.add(c);
      }
    }
    return out == null ? listed : out;
  }

  private static boolean sameIdentity(TokenCandidate a, TokenCandidate b, boolean byId, boolean byBytes) {
    if (byId) {
      return a.id().equals(b.id());
    }
    return byBytes ? Arrays.equals(a.sharedBytes(), b.sharedBytes()) : a.token().equals(b.token());
  }

  /** Most likely first; a stable sort, so ties keep the provider's order. Already ranked lists (the usual case) are kept. */
  static List<TokenCandidate> rankOrder(List<TokenCandidate> candidates) {
    boolean ranked = true;
    for (int i = 1; i < candidates.size() && ranked; i++) {
      ranked = Double.compare(candidates.get(i - 1).logprob(), candidates.get(i).logprob()) >= 0; // as the sort orders -0.0 and 0.0
    }
    if (ranked) {
      return candidates;
    }
    List<TokenCandidate> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingDouble(TokenCandidate::logprob).reversed());
    return sorted;
  }
}
