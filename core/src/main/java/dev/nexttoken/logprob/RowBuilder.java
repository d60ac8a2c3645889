package dev.nexttoken.logprob;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Computes one {@link TableRow} from a provider's {@link TokenLogprob}: ranks, masses, entropy. */
final class RowBuilder {
  /** Unseen mass below this counts as none: providers round logprobs to float precision or less. */
  static final double MASS_TOLERANCE = 1e-6;

  private RowBuilder() {}

  static TableRow build(int position, TokenLogprob token, Integer vocabularySize, Utf8.Piece piece) {
    List<TokenCandidate> listed = token.topLogprobs();
    boolean known = listed != null && !listed.isEmpty();
    if (!known) {
      return new TableRow(position, token.token(), token.bytes(), token.id(), token.logprob(), List.of(), false,
          null, null, null, null, piece.text(), piece.display());
    }
    List<TokenCandidate> candidates = rankOrder(withoutDuplicates(listed));
    Integer rank = null;
    for (int i = 0; i < candidates.size(); i++) {
      TokenCandidate c = candidates.get(i);
      if (sameToken(c.token(), c.bytes(), c.id(), token.token(), token.bytes(), token.id())) {
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
    return new TableRow(position, token.token(), token.bytes(), token.id(), token.logprob(), candidates, true,
        rank, covered, unseen, entropy, piece.text(), piece.display());
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
   */
  static List<TokenCandidate> withoutDuplicates(List<TokenCandidate> listed) {
    boolean allIds = listed.stream().allMatch(c -> c.id() != null);
    boolean allBytes = listed.stream().allMatch(c -> c.bytes() != null);
    Set<Object> seen = new HashSet<>();
    List<TokenCandidate> out = new ArrayList<>(listed.size());
    for (TokenCandidate c : listed) {
      Object key = allIds ? c.id() : allBytes ? ByteBuffer.wrap(c.bytes()) : c.token();
      if (seen.add(key)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Most likely first; a stable sort, so ties keep the provider's order. */
  static List<TokenCandidate> rankOrder(List<TokenCandidate> candidates) {
    List<TokenCandidate> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingDouble(TokenCandidate::logprob).reversed());
    return sorted;
  }
}
