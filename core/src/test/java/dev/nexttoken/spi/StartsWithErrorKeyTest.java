package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cheap test that decides which stream payloads are parsed as a possible error. */
class StartsWithErrorKeyTest {
  @Test
  void errorAsFirstKeyIsSeenWithOrWithoutWhitespace() {
    assertTrue(EventChunkSource.startsWithErrorKey("{\"error\":{\"message\":\"x\"}}"));
    assertTrue(EventChunkSource.startsWithErrorKey(" {\r\n\t \"error\" : null}"));
  }

  @Test
  void chunksMentioningErrorElsewhereAreNotParsed() {
    assertFalse(EventChunkSource.startsWithErrorKey("{\"id\":\"1\",\"text\":\"an \\\"error\\\"\"}"));
    assertFalse(EventChunkSource.startsWithErrorKey("{\"errors\":[]}"));
    assertFalse(EventChunkSource.startsWithErrorKey("\"error\""));
    assertFalse(EventChunkSource.startsWithErrorKey(""));
    assertFalse(EventChunkSource.startsWithErrorKey("{"));
  }
}
