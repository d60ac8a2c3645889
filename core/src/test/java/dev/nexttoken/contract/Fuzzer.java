package dev.nexttoken.contract;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded generator of hostile inputs: random bytes, mutations of real fixtures (byte flips,
 * truncation, duplication, splicing), deep nesting, huge and non-finite numbers, wrong types and
 * invalid UTF-8. Every input is at most a few hundred kilobytes, so a case's memory is bounded by
 * construction and anything above that is the parser's doing.
 *
 * <p>The number of cases comes from the system property {@code nexttoken.fuzz.cases} (the
 * {@code -Pfuzz} profile raises it), the seed from {@code nexttoken.fuzz.seed}; a failure names
 * both, so it can be replayed.
 */
public final class Fuzzer {
  /** Cases per fuzzed surface in the normal build. */
  public static final int DEFAULT_CASES = 250;

  private static final String[] HOSTILE_NUMBERS = {
    "1e400", "-1e400", "1e-400", "1234567890123456789012345678901234567890", "-1234567890123456789012345678901234567890",
    "NaN", "Infinity", "-Infinity", "0.0000000000000000000000000000000000000000001", "9".repeat(1200), "-0", "1E+2147483648"
  };
  private static final String[] HOSTILE_VALUES = {
    "null", "true", "[]", "{}", "\"\"", "\"\\ud800\"", "[[[[[[]]]]]]", "{\"a\":{\"b\":{\"c\":null}}}", "\"x\"", "-1", "0",
    "2147483648", "\"\\u0000\""
  };
  private static final byte[][] INVALID_UTF8 = {
    {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
    {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF}, {0}
  };

  private final Random random;
  private final List<byte[]> corpus;

  /** A generator over {@code corpus} (real, well-formed inputs to mutate), seeded. */
  public Fuzzer(long seed, List<byte[]> corpus) {
    this.random = new Random(seed);
    this.corpus = corpus;
  }

  /** How many cases to run: {@code nexttoken.fuzz.cases}, else {@link #DEFAULT_CASES}. */
  public static int cases() {
    return Integer.getInteger("nexttoken.fuzz.cases", DEFAULT_CASES);
  }

  /** The seed: {@code nexttoken.fuzz.seed}, else a fixed one, so the normal build is repeatable. */
  public static long seed() {
    return Long.getLong("nexttoken.fuzz.seed", 20260301L);
  }

  /** One hostile input; {@code wrap} turns a JSON document into the surface's framing (e.g. an SSE event). */
  public byte[] next(Function<String, String> wrap) {
    byte[] base = corpus.get(random.nextInt(corpus.size()));
    return switch (random.nextInt(12)) {
      case 0 -> randomBytes(random.nextInt(2048));
      case 1 -> flip(base, 1 + random.nextInt(16));
      case 2 -> truncate(base);
      case 3 -> duplicate(base);
      case 4 -> splice(base, corpus.get(random.nextInt(corpus.size())));
      case 5 -> utf8(wrap.apply(deepNesting()));
      case 6 -> replaceNumbers(base, HOSTILE_NUMBERS);
      case 7 -> replaceValues(base);
      case 8 -> insertInvalidUtf8(base);
      case 9 -> flip(truncate(base), 1 + random.nextInt(4));
      case 10 -> utf8(wrap.apply(hugeDocument()));
      default -> replaceNumbers(duplicate(base), HOSTILE_NUMBERS);
    };
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private byte[] flip(byte[] base, int flips) {
    byte[] copy = base.clone();
    for (int i = 0; i < flips && copy.length > 0; i++) {
      int at = random.nextInt(copy.length);
      copy[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (copy[at] ^ (1 << random.nextInt(8)));
    }
    return copy;
  }

  private byte[] truncate(byte[] base) {
    return java.util.Arrays.copyOf(base, base.length == 0 ? 0 : random.nextInt(base.length));
  }

  private byte[] duplicate(byte[] base) {
    if (base.length == 0) {
      return base;
    }
    int from = random.nextInt(base.length);
    int to = from + random.nextInt(base.length - from);
    int times = 1 + random.nextInt(8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(base, 0, to);
    for (int i = 0; i < times; i++) {
      out.write(base, from, to - from);
    }
    out.write(base, to, base.length - to);
    return out.toByteArray();
  }

  private byte[] splice(byte[] a, byte[] b) {
    int cutA = a.length == 0 ? 0 : random.nextInt(a.length);
    int cutB = b.length == 0 ? 0 : random.nextInt(b.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(a, 0, cutA);
    out.write(b, cutB, b.length - cutB);
    return out.toByteArray();
  }

  private String deepNesting() {
    int depth = 1_000 + random.nextInt(100_000);
    return switch (random.nextInt(3)) {
      case 0 -> "[".repeat(depth);
      case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
      default -> "{\"choices\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    };
  }

  private String hugeDocument() {
    // Wide rather than deep: many keys, a long string, a long array of numbers.
    return switch (random.nextInt(3)) {
      case 0 -> "{\"text\":\"" + "a".repeat(200_000) + "\"}";
      case 1 -> "{\"logprobs\":[" + "-0.5,".repeat(40_000) + "-0.5]}";
      default -> "{" + "\"k\":1,".repeat(30_000) + "\"k\":2}";
    };
  }

  private byte[] replaceNumbers(byte[] base, String[] replacements) {
    String text = new String(base, StandardCharsets.ISO_8859_1);
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      String replacement = random.nextInt(3) == 0 ? replacements[random.nextInt(replacements.length)] : m.group();
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] replaceValues(byte[] base) {
    String text = new String(base, StandardCharsets.ISO_8859_1);
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher m = VALUE.matcher(text);
    while (m.find()) {
      String replacement = random.nextInt(4) == 0 ? m.group(1) + HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)] : m.group();
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] insertInvalidUtf8(byte[] base) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = base.length == 0 ? 0 : random.nextInt(base.length);
    out.write(base, 0, at);
    out.writeBytes(INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
    out.write(base, at, base.length - at);
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  /** A value after a key: {@code "key":} and what follows up to the next comma or closing bracket. */
  private static final java.util.regex.Pattern VALUE = java.util.regex.Pattern.compile("(\"[A-Za-z_]+\":)(\"[^\"]*\"|[^,}\\]]+)");
}
