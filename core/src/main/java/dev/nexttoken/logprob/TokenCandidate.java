package dev.nexttoken.logprob;

import java.util.Arrays;
import java.util.Objects;

/**
 * One candidate for a position: a token the model considered, with its log-probability.
 *
 * @param token the token's text as the provider reports it (may be empty for a partial UTF-8 piece)
 * @param bytes the token's raw bytes, or null when the provider does not report them
 * @param id the token id, or null when the provider does not report it
 * @param logprob natural-log probability; {@link Double#NEGATIVE_INFINITY} for probability 0
 */
public record TokenCandidate(String token, byte[] bytes, Integer id, double logprob) {
  public TokenCandidate {
    Objects.requireNonNull(token, "token");
    bytes = bytes == null ? null : bytes.clone();
    if (Double.isNaN(logprob) || logprob > 0) {
      throw new IllegalArgumentException("logprob must be <= 0, was " + logprob + " for token " + Logprobs.quote(token));
    }
  }

  /**
   * Whether this is the token described by {@code otherToken}, {@code otherBytes} and
   * {@code otherId}: by id where both have one, else by bytes where both have them, else by text.
   */
  public boolean sameTokenAs(String otherToken, byte[] otherBytes, Integer otherId) {
    return RowBuilder.sameToken(token, bytes, id, otherToken, otherBytes, otherId);
  }

  /** The probability, {@code exp(logprob)}. */
  public double probability() {
    return Math.exp(logprob);
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

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenCandidate c
        && token.equals(c.token)
        && Arrays.equals(bytes, c.bytes)
        && Objects.equals(id, c.id)
        && Double.compare(logprob, c.logprob) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(token, Arrays.hashCode(bytes), id, logprob);
  }

  @Override
  public String toString() {
    return "TokenCandidate[" + Logprobs.quote(token) + (id == null ? "" : " #" + id) + " logprob=" + logprob + "]";
  }
}
