package dev.nexttoken.openai.internal.responses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bytes of a streamed token, which the delta events do not send. */
class TokenBytesTest {
  @Test
  void aTokenOfWholeCharactersIsItsUtf8() {
    assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), TokenBytes.of("é"));
    assertArrayEquals(" world".getBytes(StandardCharsets.UTF_8), TokenBytes.of(" world"));
    assertArrayEquals(new byte[0], TokenBytes.of(""));
  }

  @Test
  void openAisNameForPartOfACharacterGivesItsBytes() {
    assertArrayEquals(new byte[] {(byte) 0xE2, (byte) 0x80}, TokenBytes.of("bytes:\\xe2\\x80"));
    assertArrayEquals(new byte[] {(byte) 0xF0, (byte) 0x9F}, TokenBytes.of("bytes:\\xF0\\x9f"));
  }

  @Test
  void textThatOnlyLooksLikeAByteNameIsText() {
    for (String text : new String[] {"bytes:", "bytes:\\xZZ", "bytes:\\xe2\\x8", "bytes: \\xe2", "bytes:x\\e2"}) {
      assertNull(TokenBytes.named(text), text);
      assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), TokenBytes.of(text), text);
    }
  }
}
