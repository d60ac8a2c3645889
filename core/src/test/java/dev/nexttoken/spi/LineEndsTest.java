package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The word-at-a-time CR/LF search finds exactly what a byte-by-byte search finds. */
class LineEndsTest {

  private static long naive(Buffer buffer, long from) {
    for (long i = from; i < buffer.size(); i++) {
      byte b = buffer.getByte(i);
      if (b == '\n' || b == '\r') {
        return i;
      }
    }
    return -1;
  }

  @Test
  void everyPositionOfALineEndInAWordAndAcrossSegments() {
    Random random = new Random(20);
    for (int round = 0; round < 300; round++) {
      Buffer buffer = new Buffer();
      // Several writes of odd sizes: segments that start and end mid-word, and a buffer past one segment.
      int pieces = 1 + random.nextInt(6);
      for (int p = 0; p < pieces; p++) {
        byte[] piece = new byte[random.nextInt(round % 3 == 0 ? 9000 : 40)];
        for (int i = 0; i < piece.length; i++) {
          int kind = random.nextInt(100);
          // Mostly text; bytes next to the needles (0x0B, 0x0C, 0x8A, 0x8D) and UTF-8 lead bytes too.
          piece[i] = (byte) (kind < 2 ? '\n' : kind < 4 ? '\r' : kind < 6 ? 0x0B + random.nextInt(2)
              : kind < 8 ? 0x8A + 3 * random.nextInt(2) : kind < 10 ? 0xE2 : 0x20 + random.nextInt(95));
        }
        Buffer part = new Buffer().write(piece);
        buffer.write(part, part.size());
      }
      for (long from = 0; from <= buffer.size(); from += 1 + random.nextInt(5)) {
        assertEquals(naive(buffer, from), LineEnds.indexOf(buffer, from), "round " + round + " from " + from);
      }
    }
  }

  @Test
  void noLineEndAndEmptyBuffers() {
    assertEquals(-1, LineEnds.indexOf(new Buffer(), 0));
    assertEquals(-1, LineEnds.indexOf(new Buffer().writeUtf8("data: {\"a\":1}"), 0));
    assertEquals(13, LineEnds.indexOf(new Buffer().writeUtf8("data: {\"a\":1}\r\n"), 3));
    assertEquals(-1, LineEnds.indexOf(new Buffer().writeUtf8("ab\n"), 3));
  }
}
