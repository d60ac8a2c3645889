package dev.nexttoken.logprob;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One generated (or scored) token with its log-probability and, where the provider reports them,
 * the alternatives it was chosen from.
 *
 * @param token the token's text as the provider reports it
 * @param bytes the token's raw bytes, or null when unknown
 * @param id the token id, or null when unknown
 * @param logprob the token's natural-log probability; {@link Double#NEGATIVE_INFINITY} for
 *     probability 0 (a provider sentinel); null when unknown (the first token of an echoed prompt)
 * @param topLogprobs the alternatives in rank order (most likely first), or null when the provider
 *     reports none (Cohere); an empty list when alternatives were not asked for
 * @param rank the token's 1-based rank in the model's whole distribution at this position, as the
 *     provider reports it (vLLM's {@code prompt_logprobs}: rank 9 even when only the top 2 are
 *     listed), or null when the provider reports none (every other provider, and vLLM's generated
 *     tokens); never derived from {@code topLogprobs}. It is what the provider says: it need not
 *     match the token's place among {@code topLogprobs} when logprobs tie. At least 1.
 */
public record TokenLogprob(String token, byte[] bytes, Integer id, Double logprob, List<TokenCandidate> topLogprobs, Integer rank) {
  public TokenLogprob {
    Objects.requireNonNull(token, "token");
    bytes = bytes == null ? null : bytes.clone();
    if (logprob != null && (logprob.isNaN() || logprob > 0)) {
      throw new IllegalArgumentException("logprob must be <= 0, was " + logprob + " for token " + Logprobs.quote(token));
    }
    topLogprobs = topLogprobs == null ? null : List.copyOf(topLogprobs);
    if (rank != null && rank < 1) {
      throw new IllegalArgumentException("rank must be >= 1, was " + rank + " for token " + Logprobs.quote(token));
    }
  }

  /** A token whose provider reports no rank of its own ({@code rank} null): what every provider but vLLM's scoring gives. */
  public TokenLogprob(String token, byte[] bytes, Integer id, Double logprob, List<TokenCandidate> topLogprobs) {
    this(token, bytes, id, logprob, topLogprobs, null);
  }

  /** The probability, or null when the logprob is unknown. */
  public Double probability() {
    return logprob == null ? null : Math.exp(logprob);
  }

  /** Whether the provider reported alternatives for this position. */
  public boolean hasAlternatives() {
    return topLogprobs != null;
  }

  /** The raw bytes themselves, for this package's read-only use: no copy per read in table rebuilds. */
  byte[] sharedBytes() {
    return bytes;
  }

  /** The raw bytes (a copy), or null when unknown. */
  @Override
  public byte[] bytes() {
    return bytes == null ? null : bytes.clone();
  }

  /** This token as a candidate, when its logprob is known. */
  public TokenCandidate asCandidate() {
    if (logprob == null) {
      throw new IllegalStateException("logprob of " + Logprobs.quote(token) + " is unknown");
    }
    return new TokenCandidate(token, bytes, id, logprob);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenLogprob t
        && token.equals(t.token)
        && Arrays.equals(bytes, t.bytes)
        && Objects.equals(id, t.id)
        && Objects.equals(logprob, t.logprob)
        && Objects.equals(topLogprobs, t.topLogprobs)
        && Objects.equals(rank, t.rank);
  }

  @Override
  public int hashCode() {
    return Objects.hash(token, Arrays.hashCode(bytes), id, logprob, topLogprobs, rank);
  }

  @Override
  public String toString() {
    return "TokenLogprob[" + Logprobs.quote(token) + (id == null ? "" : " #" + id) + " logprob=" + logprob
        + (topLogprobs == null ? "" : " top=" + topLogprobs.size()) + (rank == null ? "" : " rank=" + rank) + "]";
  }
}
