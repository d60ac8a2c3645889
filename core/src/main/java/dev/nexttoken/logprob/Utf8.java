package dev.nexttoken.logprob;

/**
 * UTF-8 decoding across token boundaries, where one character's bytes may arrive in several tokens.
 *
 * <p>{@link Assembler} is fed one token's bytes at a time and reports, for that token, the
 * characters it completes ({@code text}) and a display form ({@code display}): the same characters,
 * with literal backslashes doubled and every byte that does not (yet) form a whole character shown
 * as {@code \xNN} on the token that carries it. Ill-formed input becomes U+FFFD in {@code text}
 * exactly as {@link java.nio.charset.StandardCharsets#UTF_8} decodes it (one per maximal ill-formed
 * subpart, except that the JDK reads an encoded surrogate {@code ED A0..BF xx} as one), so the
 * concatenated text always equals {@code new String(allBytes, UTF_8)}.
 */
final class Utf8 {
  private static final char REPLACEMENT = '\uFFFD';

  private Utf8() {}

  /** One token's share of the decoded sequence. */
  record Piece(String text, String display) {}

  /** The text of {@code bytes} on their own, U+FFFD for bytes that are not whole characters. */
  static String decode(byte[] bytes) {
    Assembler assembler = new Assembler();
    String text = assembler.feed(bytes).text();
    return text + assembler.finish();
  }

  /** The display form of {@code bytes} on their own (see the class comment). */
  static String display(byte[] bytes) {
    return new Assembler().feed(bytes).display();
  }

  /** Decodes a sequence of tokens' bytes incrementally. Not thread-safe. */
  static final class Assembler {
    private final byte[] pending = new byte[4];
    private int pendingLength;
    private int needed;

    /** Decodes the next token's bytes, carrying an unfinished character over to the next call. */
    Piece feed(byte[] bytes) {
      if (pendingLength == 0 && plainAscii(bytes)) {
        // The usual token: text and display are the same string, no builder needed.
        String plain = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        return new Piece(plain, plain);
      }
      StringBuilder text = new StringBuilder();
      StringBuilder display = new StringBuilder();
      // Bytes still pending from earlier tokens were already shown (escaped) on those tokens.
      int shownBefore = pendingLength;
      for (byte value : bytes) {
        int b = value & 0xFF;
        if (pendingLength > 0) {
          if (continues(b)) {
            pending[pendingLength++] = (byte) b;
            if (pendingLength == needed) {
              int codePoint = codePoint();
              if (Character.isSurrogate((char) codePoint) && needed == 3) {
                // An encoded surrogate (ED A0..BF xx) is one ill-formed sequence to the JDK.
                text.append(REPLACEMENT);
                escape(display, pending, shownBefore, pendingLength);
              } else {
                text.appendCodePoint(codePoint);
                appendDisplay(display, codePoint);
              }
              pendingLength = 0;
              shownBefore = 0;
            }
            continue;
          }
          text.append(REPLACEMENT);
          escape(display, pending, shownBefore, pendingLength);
          pendingLength = 0;
          shownBefore = 0;
        }
        int length = sequenceLength(b);
        if (length == 1) {
          text.append((char) b);
          appendDisplay(display, b);
        } else if (length == 0) {
          text.append(REPLACEMENT);
          escape(display, new byte[] {(byte) b}, 0, 1);
        } else {
          pending[0] = (byte) b;
          pendingLength = 1;
          needed = length;
        }
      }
      escape(display, pending, shownBefore, pendingLength);
      return new Piece(text.toString(), display.toString());
    }

    /** True when every byte is ASCII other than the backslash, which display escapes. */
    private static boolean plainAscii(byte[] bytes) {
      for (byte b : bytes) {
        if (b < 0 || b == '\\') {
          return false;
        }
      }
      return true;
    }

    /** Ends the sequence: an unfinished character becomes U+FFFD; returns that text, or "". */
    String finish() {
      if (pendingLength == 0) {
        return "";
      }
      pendingLength = 0;
      return String.valueOf(REPLACEMENT);
    }

    private boolean continues(int b) {
      int lead = pending[0] & 0xFF;
      if (pendingLength == 1) {
        return switch (lead) {
          case 0xE0 -> b >= 0xA0 && b <= 0xBF;
          // ED A0..BF starts an encoded surrogate, which the JDK reads as one 3-byte error (see feed).
          case 0xF0 -> b >= 0x90 && b <= 0xBF;
          case 0xF4 -> b >= 0x80 && b <= 0x8F;
          default -> b >= 0x80 && b <= 0xBF;
        };
      }
      return b >= 0x80 && b <= 0xBF;
    }

    private int codePoint() {
      int cp = pending[0] & (0xFF >> (needed + 1));
      for (int i = 1; i < needed; i++) {
        cp = (cp << 6) | (pending[i] & 0x3F);
      }
      return cp;
    }
  }

  /** The length of the sequence a lead byte starts, or 0 when it cannot start one. */
  private static int sequenceLength(int b) {
    if (b < 0x80) {
      return 1;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      return 2;
    }
    if (b >= 0xE0 && b <= 0xEF) {
      return 3;
    }
    if (b >= 0xF0 && b <= 0xF4) {
      return 4;
    }
    return 0;
  }

  private static void appendDisplay(StringBuilder display, int codePoint) {
    if (codePoint == '\\') {
      display.append("\\\\");
    } else {
      display.appendCodePoint(codePoint);
    }
  }

  private static void escape(StringBuilder display, byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      display.append(String.format("\\x%02X", bytes[i] & 0xFF));
    }
  }
}
