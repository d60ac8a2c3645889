package dev.nexttoken.llamacpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which token bytes llama-server holds back as an unfinished UTF-8 character (and so sends no probabilities for). */
class Utf8TailTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "20, false",          // " "
      "c3, true",           // lead of a 2-byte character
      "a9, false",          // a continuation byte alone: invalid, but not unfinished
      "c3a9, false",        // "é"
      "20e282, true",       // " " and 2 of the 3 bytes of "€"
      "e282ac, false",      // "€"
      "f09f98, true",       // 3 of the 4 bytes of an emoji
      "f09f9880, false",    // the whole emoji
      "2020f0, true",
  })
  void matchesTheServersCheck(String hex, boolean unfinished) {
    assertEquals(unfinished, Utf8Tail.endsInsideCharacter(HexFormat.of().parseHex(hex)));
  }
}
