package dev.nexttoken.cohere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.ScoreRequest;
import dev.nexttoken.error.UnsupportedCapabilityException;
import org.junit.jupiter.api.Test;

/** Cohere v2 has no route that scores a given text: capabilities say so and {@code score} fails before sending. */
class CohereScoringTest extends MockCohereTest {
  @Test
  void scoringIsUnsupportedAndFailsFastNamingCohere() {
    assertFalse(model.capabilities().scoring().supported());

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.score(ScoreRequest.of("The capital of France is", " Paris").withTopLogprobs(1)));

    assertEquals("cohere cannot score a given text", e.getMessage());
    assertEquals("cohere", e.provider());
    assertEquals(0, e.httpStatus());
    assertEquals(0, server.getRequestCount(), "nothing was sent");
  }
}
