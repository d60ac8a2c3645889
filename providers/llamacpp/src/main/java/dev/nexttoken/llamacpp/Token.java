package dev.nexttoken.llamacpp;

import java.util.Arrays;
import java.util.Objects;

/**
 * One token of the server's vocabulary, as {@code /tokenize} reports it.
 *
 * @param id the token id
 * @param piece the token's text; empty when its bytes are not valid UTF-8 on their own (a byte-fallback
 *     token, or part of a multi-byte character); null when pieces were not asked for
 * @param bytes the token's raw bytes; null when pieces were not asked for
 */
public record Token(int id, String piece, byte[] bytes) {
  public Token {
    bytes = bytes == null ? null : bytes.clone();
  }

  /** The raw bytes (a copy), or null when pieces were not asked for. */
  @Override
  public byte[] bytes() {
    return bytes == null ? null : bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Token t && id == t.id && Objects.equals(piece, t.piece) && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, piece, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return "Token[#" + id + (piece == null ? "" : " " + piece + " bytes=" + Arrays.toString(bytes)) + "]";
  }
}
