package dev.nexttoken.logprob;

/**
 * Two answers at one byte offset where both have a token starting: whether they agree, and how far
 * apart the two next-token distributions are.
 *
 * @param offset the byte offset into both texts
 * @param positionA the token's position in answer A
 * @param positionB the token's position in answer B
 * @param tokenA the token A chose here
 * @param tokenB the token B chose here
 * @param samePrefix whether both texts spell the same bytes before this offset: only then are the two
 *     distributions predictions for the same context
 * @param sameToken whether A and B chose the same token
 * @param top1Agree whether the most likely listed candidate is the same token on both sides; null when
 *     a side listed no candidates
 * @param rankOfAInB the rank of A's chosen token among B's listed candidates, or null when B did not
 *     list it (or listed none)
 * @param rankOfBInA the rank of B's chosen token among A's listed candidates, or null likewise
 * @param divergence the total-variation and Jensen–Shannon bounds between the two shown distributions
 */
public record AlignedPosition(
    int offset,
    int positionA,
    int positionB,
    String tokenA,
    String tokenB,
    boolean samePrefix,
    boolean sameToken,
    Boolean top1Agree,
    Integer rankOfAInB,
    Integer rankOfBInA,
    DivergenceBounds divergence) {

  /** Compares the rows two answers have at {@code offset}. */
  static AlignedPosition of(int offset, TableRow a, TableRow b, boolean samePrefix, TokenIdentity identity) {
    String chosenA = identity.key(a.token(), a.bytes(), a.id());
    String chosenB = identity.key(b.token(), b.bytes(), b.id());
    Boolean top1 = a.candidates().isEmpty() || b.candidates().isEmpty() ? null : key(a, 0, identity).equals(key(b, 0, identity));
    return new AlignedPosition(offset, a.position(), b.position(), a.token(), b.token(), samePrefix, chosenA.equals(chosenB), top1,
        rank(chosenA, b, identity), rank(chosenB, a, identity), DivergenceBounds.between(a, b, identity));
  }

  private static String key(TableRow row, int index, TokenIdentity identity) {
    TokenCandidate c = row.candidates().get(index);
    return identity.key(c.token(), c.sharedBytes(), c.id());
  }

  private static Integer rank(String chosen, TableRow other, TokenIdentity identity) {
    for (int i = 0; i < other.candidates().size(); i++) {
      if (key(other, i, identity).equals(chosen)) {
        return i + 1;
      }
    }
    return null;
  }
}
