package dev.nexttoken.openai.internal.responses;

import java.nio.charset.StandardCharsets;

/**
 * A token's bytes when the answer does not send them: the streamed {@code response.output_text.delta}
 * events carry {@code token} and {@code logprob} but no {@code bytes} (wire-formats-2 §1.4).
 *
 * <p>Exact in both cases OpenAI produces: a token made of whole characters is the UTF-8 of its
 * text; a token holding only part of a multi-byte character cannot be text, and OpenAI names it by
 * its bytes ({@code "bytes:\xe2\x80"}), which are decoded from that name. Not recoverable: a server
 * that replaces such a part by U+FFFD (some compatible servers do) loses the bytes, and this gives
 * the replacement character's UTF-8 ({@code EF BF BD}); and a token whose real text happens to read
 * {@code bytes:\xNN} would be taken for a partial one.
 */
final class TokenBytes {
  private static final String PREFIX = "bytes:";

  private TokenBytes() {}

  /** The bytes of {@code token} as OpenAI names it. */
  static byte[] of(String token) {
    byte[] named = named(token);
    return named != null ? named : token.getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes of a {@code bytes:\xNN...} name, or null when {@code token} is not one. */
  static byte[] named(String token) {
    if (!token.startsWith(PREFIX)) {
      return null;
    }
    int length = token.length() - PREFIX.length();
    if (length == 0 || length % 4 != 0) {
      return null;
    }
    byte[] bytes = new byte[length / 4];
    for (int i = 0; i < bytes.length; i++) {
      int at = PREFIX.length() + 4 * i;
      if (token.charAt(at) != '\\' || token.charAt(at + 1) != 'x') {
        return null;
      }
      int high = Character.digit(token.charAt(at + 2), 16);
      int low = Character.digit(token.charAt(at + 3), 16);
      if (high < 0 || low < 0) {
        return null;
      }
      bytes[i] = (byte) (high << 4 | low);
    }
    return bytes;
  }
}
