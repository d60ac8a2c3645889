package dev.nexttoken.logprob;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One position of a {@link ProbabilityTable}: the token that was chosen there and the distribution
 * it was chosen from, as far as the provider reported it.
 *
 * <p>When the provider reports no alternatives (Cohere, or {@code topLogprobs(0)}),
 * {@code candidates} is empty and {@code rank}, {@code coveredMass}, {@code unseenMass} and
 * {@code entropy} are null: unknown, never guessed.
 *
 * <p>Two ranks: {@code rank} is the chosen token's place among the listed {@code candidates}
 * (renderers mark the chosen candidate by it), {@code reportedRank} its rank in the whole
 * distribution as the provider reports it (vLLM's scoring: rank 9 with only the top 2 listed), and
 * {@link #knownRank()} the one of them a reader wants: the rank among the candidates when the chosen
 * token is listed, else the reported one.
 *
 * @param position the 0-based position in the sequence
 * @param token the chosen token's text as the provider reports it
 * @param bytes the chosen token's raw bytes, or null when unknown
 * @param id the chosen token's id, or null when unknown
 * @param logprob the chosen token's logprob ({@code -Infinity} for probability 0), or null when unknown
 * @param candidates the listed alternatives in rank order (duplicates removed, the first kept), each
 *     with its probability; empty when {@code alternativesKnown} is false
 * @param alternativesKnown whether the provider listed alternatives for this position
 * @param rank the chosen token's 1-based rank among the candidates, or null when it is not among them
 *     or no candidates are known (the provider's own rank, if it reports one, is {@code reportedRank})
 * @param coveredMass the probability of the listed candidates plus the chosen token's if not among
 *     them (at most 1), or null when alternatives are unknown
 * @param unseenMass {@code 1 - coveredMass}, the probability of tokens nobody listed, or null when unknown
 * @param entropy the distribution's entropy, exact or bounded, or null when alternatives are unknown
 * @param text the characters this token completes in the sequence's text (empty for a token that
 *     only starts a multi-byte character; the whole character appears on the token that ends it)
 * @param display {@code text} plus, escaped as {@code \xNN}, this token's bytes that do not finish a
 *     character here, with literal backslashes doubled so the escapes are unambiguous
 * @param reportedRank the chosen token's 1-based rank in the model's whole distribution as the
 *     provider reports it ({@link TokenLogprob#rank()}), or null when it reports none; known with or
 *     without candidates, and not bounded by their number
 */
public record TableRow(
    int position,
    String token,
    byte[] bytes,
    Integer id,
    Double logprob,
    List<TokenCandidate> candidates,
    boolean alternativesKnown,
    Integer rank,
    Double coveredMass,
    Double unseenMass,
    Entropy entropy,
    String text,
    String display,
    Integer reportedRank) {

  public TableRow {
    Objects.requireNonNull(token, "token");
    bytes = bytes == null ? null : bytes.clone();
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(display, "display");
    if (rank != null && (rank < 1 || rank > candidates.size())) {
      throw new IllegalArgumentException("rank must be in [1, " + candidates.size() + "], was " + rank);
    }
    if (reportedRank != null && reportedRank < 1) {
      throw new IllegalArgumentException("reportedRank must be >= 1, was " + reportedRank);
    }
  }

  /** A row whose provider reports no rank of its own ({@code reportedRank} null). */
  public TableRow(int position, String token, byte[] bytes, Integer id, Double logprob, List<TokenCandidate> candidates,
      boolean alternativesKnown, Integer rank, Double coveredMass, Double unseenMass, Entropy entropy, String text, String display) {
    this(position, token, bytes, id, logprob, candidates, alternativesKnown, rank, coveredMass, unseenMass, entropy, text, display, null);
  }

  /**
   * The chosen token's rank as far as it is known: {@code rank} (among the candidates) when the
   * chosen token is listed, else {@code reportedRank} (the provider's, in the whole distribution),
   * else null. The command line's JSON {@code rank}.
   */
  public Integer knownRank() {
    return rank != null ? rank : reportedRank;
  }

  /** The chosen token's probability, or null when its logprob is unknown. */
  public Double probability() {
    return logprob == null ? null : Math.exp(logprob);
  }

  /** The chosen token as a candidate, when its logprob is known. */
  public TokenCandidate chosen() {
    if (logprob == null) {
      throw new IllegalStateException("the logprob of the token at position " + position + " is unknown");
    }
    return new TokenCandidate(token, bytes, id, logprob);
  }

  /** Whether the chosen token was the most likely listed candidate. */
  public boolean chosenIsArgmax() {
    return rank != null && rank == 1;
  }

  /** The raw bytes (a copy), or null when unknown. */
  @Override
  public byte[] bytes() {
    return bytes == null ? null : bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableRow r
        && position == r.position
        && token.equals(r.token)
        && Arrays.equals(bytes, r.bytes)
        && Objects.equals(id, r.id)
        && Objects.equals(logprob, r.logprob)
        && candidates.equals(r.candidates)
        && alternativesKnown == r.alternativesKnown
        && Objects.equals(rank, r.rank)
        && Objects.equals(coveredMass, r.coveredMass)
        && Objects.equals(unseenMass, r.unseenMass)
        && Objects.equals(entropy, r.entropy)
        && text.equals(r.text)
        && display.equals(r.display)
        && Objects.equals(reportedRank, r.reportedRank);
  }

  @Override
  public int hashCode() {
    return Objects.hash(position, token, Arrays.hashCode(bytes), id, logprob, candidates, rank, text, reportedRank);
  }

  @Override
  public String toString() {
    return "TableRow[" + position + " " + Logprobs.quote(token) + " logprob=" + logprob + " rank=" + rank
        + (reportedRank == null ? "" : " reportedRank=" + reportedRank)
        + " candidates=" + candidates.size() + " unseen=" + unseenMass + "]";
  }
}
