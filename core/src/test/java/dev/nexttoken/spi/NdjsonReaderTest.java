package dev.nexttoken.spi;

import dev.nexttoken.internal.StreamLimits;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.error.StreamTooLargeException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okio.Buffer;
import okio.Okio;
import org.junit.jupiter.api.Test;

class NdjsonReaderTest {
  private static final long MIB = 1 << 20;

  @Test
  void linesWithLfAndCrlf() throws IOException {
    assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), readAll("{\"a\":1}\n{\"b\":2}\r\n"));
  }

  @Test
  void blankLinesAreSkipped() throws IOException {
    assertEquals(List.of("{}", "[]"), readAll("\n\r\n{}\n\n\r\n[]\n\n"));
  }

  @Test
  void lastLineWithoutNewlineIsReturned() throws IOException {
    assertEquals(List.of("{}", "{\"is_finished\":true}"), readAll("{}\n{\"is_finished\":true}"));
    assertEquals(List.of("{}"), readAll("{}\r"));
  }

  @Test
  void emptyStream() throws IOException {
    assertEquals(List.of(), readAll(""));
    assertEquals(List.of(), readAll("\n\r\n"));
  }

  @Test
  void multiByteCharactersSplitAcrossReads() throws IOException {
    byte[] bytes = "{\"text\":\"日本語\"}\n{\"text\":\"\uD83D\uDE00\"}\n".getBytes(UTF_8);
    for (long seed = 0; seed < 50; seed++) {
      NdjsonReader reader = new NdjsonReader(Okio.buffer(new ChunkedSource(bytes, new Random(seed), 3)), MIB);
      assertEquals(List.of("{\"text\":\"日本語\"}", "{\"text\":\"\uD83D\uDE00\"}"), readAll(reader), "seed " + seed);
    }
  }

  @Test
  void oversizedLineFailsFastWithoutBufferingIt() {
    CountingSource tenMegabyteLine = new CountingSource("{\"text\":\"", (byte) 'a', 10 * MIB);
    NdjsonReader reader =
        new NdjsonReader(Okio.buffer(tenMegabyteLine), StreamLimits.DEFAULT_MAX_EVENT_BYTES, "cohere");
    StreamTooLargeException e = assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> assertThrows(StreamTooLargeException.class, reader::next));
    assertTrue(e.getMessage().contains("1048576") && e.getMessage().contains("maxLineBytes"), e.getMessage());
    assertEquals("cohere", e.details().provider());
    assertTrue(tenMegabyteLine.read < 2 * MIB, "read " + tenMegabyteLine.read + " bytes");
    assertTrue(tenMegabyteLine.closed);
  }

  @Test
  void boundIsInclusive() throws IOException {
    assertEquals(List.of("1234"), readAll(new NdjsonReader(new Buffer().writeUtf8("1234\n"), 4)));
    assertEquals(List.of("1234"), readAll(new NdjsonReader(new Buffer().writeUtf8("1234"), 4)));
    assertThrows(StreamTooLargeException.class, () -> new NdjsonReader(new Buffer().writeUtf8("12345"), 4).next());
  }

  @Test
  void largeLineIsAcceptedUnderARaisedBound() throws IOException {
    String big = "x".repeat(10 * 1024 * 1024);
    NdjsonReader reader = new NdjsonReader(new Buffer().writeUtf8(big).writeUtf8("\n{}\n"), 16 * MIB);
    assertEquals(List.of(big, "{}"), readAll(reader));
  }

  private static List<String> readAll(String body) throws IOException {
    return readAll(new NdjsonReader(new Buffer().writeUtf8(body), MIB));
  }

  private static List<String> readAll(NdjsonReader reader) throws IOException {
    List<String> lines = new ArrayList<>();
    try (reader) {
      for (StreamEvent line; (line = reader.next()) != null; ) {
        lines.add(line.data());
      }
    }
    return lines;
  }
}
