package dev.nexttoken.spi;

import java.util.Arrays;

/**
 * A fixed ASCII needle searched in UTF-8 bytes with Boyer–Moore–Horspool: most bytes of a JSON chunk
 * are not in a short needle, so the search moves the needle's full length at a time. Used to look
 * for {@code "error"} in every stream event without decoding it.
 */
final class AsciiPattern {
  private final String text;
  private final byte[] needle;
  /** How far the window may move when its last byte is {@code b}. */
  private final int[] shift = new int[256];

  AsciiPattern(String text) {
    this.text = text;
    this.needle = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Arrays.fill(shift, needle.length);
    for (int i = 0; i < needle.length - 1; i++) {
      shift[needle[i] & 0xFF] = needle.length - 1 - i;
    }
  }

  String text() {
    return text;
  }

  /** True when {@code haystack} contains the needle. */
  boolean in(byte[] haystack) {
    int last = needle.length - 1;
    int i = 0;
    while (i + last < haystack.length) {
      byte end = haystack[i + last];
      if (end == needle[last] && matchesAt(haystack, i)) {
        return true;
      }
      i += shift[end & 0xFF];
    }
    return false;
  }

  private boolean matchesAt(byte[] haystack, int at) {
    for (int j = 0; j < needle.length - 1; j++) {
      if (haystack[at + j] != needle[j]) {
        return false;
      }
    }
    return true;
  }
}
