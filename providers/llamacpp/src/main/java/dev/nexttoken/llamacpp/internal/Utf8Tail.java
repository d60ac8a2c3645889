package dev.nexttoken.llamacpp.internal;

/**
 * Whether a token's bytes end inside a multi-byte UTF-8 character, judged the way llama-server
 * judges generated text before sending it ({@code validate_utf8}): a lead byte among the last
 * bytes with fewer bytes after it than its character needs.
 */
final class Utf8Tail {
  private Utf8Tail() {}

  static boolean endsInsideCharacter(byte[] bytes) {
    int n = bytes.length;
    for (int back = 1; back <= 4 && back <= n; back++) {
      int b = bytes[n - back] & 0xFF;
      int needed = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
      if (needed > back) {
        return true;
      }
    }
    return false;
  }
}
