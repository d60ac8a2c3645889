package dev.nexttoken.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SentencePiece (SPM) tokenization llama.cpp applies to a {@code tokenizer.ggml.model=llama} vocabulary,
 * restated so the known-answer model can predict what the server's {@code /tokenize} returns.
 *
 * <p>Text gets a leading space, spaces become {@code ▁}, the text is split into characters, and adjacent symbols
 * are merged while their concatenation is a vocabulary piece: highest score first, leftmost on ties. Symbols that
 * are not pieces fall back to byte tokens.
 */
final class SpmTokenizer {
  static final String SPACE = "\u2581";

  private final Map<String, Integer> ids;
  private final float[] scores;
  private final int firstByteToken;

  SpmTokenizer(Map<String, Integer> ids, float[] scores, int firstByteToken) {
    this.ids = ids;
    this.scores = scores;
    this.firstByteToken = firstByteToken;
  }

  int[] tokenize(String text) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String escaped = SPACE + text.replace(" ", SPACE);
    List<String> symbols = new ArrayList<>();
    escaped.codePoints().forEach(cp -> symbols.add(Character.toString(cp)));
    while (true) {
      int best = -1;
      float bestScore = Float.NEGATIVE_INFINITY;
      for (int i = 0; i + 1 < symbols.size(); i++) {
        Integer id = ids.get(symbols.get(i) + symbols.get(i + 1));
        if (id != null && scores[id] > bestScore) { // strictly greater keeps the leftmost on ties
          best = i;
          bestScore = scores[id];
        }
      }
      if (best < 0) {
        break;
      }
      symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
    }
    List<Integer> out = new ArrayList<>();
    for (String symbol : symbols) {
      Integer id = ids.get(symbol);
      if (id != null) {
        out.add(id);
      } else {
        for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
          out.add(firstByteToken + (b & 0xFF));
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
