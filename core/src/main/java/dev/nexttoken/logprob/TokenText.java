package dev.nexttoken.logprob;

/**
 * How token text is shown to people: whitespace made visible, markup escaped. Every renderer goes
 * through here so a token looks the same in each format.
 */
final class TokenText {
  /** Shown for a token with no text and no bytes (an end of sequence). */
  static final String EMPTY = "∅";

  private TokenText() {}

  /**
   * A display string (see {@link Utf8}) with whitespace and control characters made visible: space
   * as {@code ␣}, newline as {@code \n}, tab as {@code \t}, others as {@code \}{@code uXXXX}.
   * Unambiguous because the display form already doubles literal backslashes.
   */
  static String visible(String display) {
    if (display.isEmpty()) {
      return EMPTY;
    }
    StringBuilder out = new StringBuilder(display.length() + 4);
    for (int i = 0; i < display.length(); i++) {
      char c = display.charAt(i);
      switch (c) {
        case ' ' -> out.append('␣');
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** Raw text (a prompt, a whole sequence) made visible the same way: backslashes doubled first. */
  static String visibleText(String raw) {
    return visible(raw.replace("\\", "\\\\"));
  }

  /** The display form of one candidate: its bytes decoded when known, else its text. */
  static String display(TokenCandidate candidate) {
    return displayOf(candidate.token(), candidate.bytes());
  }

  static String displayOf(String token, byte[] bytes) {
    return bytes != null ? Utf8.display(bytes) : token.replace("\\", "\\\\");
  }

  /** Text escaped for HTML element content and quoted attribute values. */
  static String html(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Columns a string takes in a terminal: East Asian wide characters count 2, combining marks 0.
   * Approximate (no full wcwidth table) but right for the scripts tokens usually hold.
   */
  static int width(String s) {
    int width = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
        continue;
      }
      width += wide(cp) ? 2 : 1;
    }
    return width;
  }

  private static boolean wide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x1F300 && cp <= 0x1FAFF)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }

  /** A probability as a fixed decimal, or "?" when unknown. */
  static String probability(Double p) {
    return p == null ? "?" : fixed(p);
  }

  /** A logprob with 4 decimals, "-inf" for probability 0, "?" when unknown. */
  static String logprob(Double logprob) {
    if (logprob == null) {
      return "?";
    }
    if (logprob == Double.NEGATIVE_INFINITY) {
      return "-inf";
    }
    return fixed(logprob);
  }

  /** An entropy as "0.1234" (exact), "0.1234–0.5678" (bounded), "≥0.1234" (lower bound only), "?" (unknown). */
  static String entropy(Entropy entropy) {
    if (entropy == null) {
      return "?";
    }
    if (entropy.exact()) {
      return fixed(entropy.lowerBound());
    }
    return entropy.upperBound() == null ? "≥" + fixed(entropy.lowerBound()) : fixed(entropy.lowerBound()) + "–" + fixed(entropy.upperBound());
  }

  static String fixed(double value) {
    return String.format(java.util.Locale.ROOT, "%.4f", value + 0.0);
  }

  /** The visible display of a row's chosen token. */
  static String chosen(TableRow row) {
    return visible(row.display());
  }

  /** The visible display of a candidate. */
  static String candidate(TokenCandidate candidate) {
    return visible(display(candidate));
  }

  /**
   * The visible display of a row's candidate at {@code index}: decoded on its own, except the
   * chosen one, which shows what the row shows (a character completed with earlier tokens' bytes).
   */
  static String candidate(TableRow row, int index) {
    return row.rank() != null && row.rank() == index + 1 ? chosen(row) : candidate(row.candidates().get(index));
  }
}
