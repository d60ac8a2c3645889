package dev.nexttoken.spi;

import dev.nexttoken.internal.RequestValidator;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.Capabilities;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests are checked against capabilities before sending, with messages naming field, limit and value. */
class RequestValidatorTest {
  private static final ParameterLimits LIMITS = new ParameterLimits(2.0, true, 40, false, 4);
  /** Completion: up to 5 alternatives, no logprobs in streams. Chat: not offered. */
  private static final Capabilities ACME = new Capabilities("acme",
      new OperationCapabilities(true, true, true, 5, false, false, false, false, LIMITS, null),
      OperationCapabilities.unsupported("use completion"), null);
  private static final Capabilities UNLIMITED = new Capabilities("local",
      new OperationCapabilities(true, true, true, OperationCapabilities.UNLIMITED, true, true, true, true, ParameterLimits.PERMISSIVE, null),
      new OperationCapabilities(true, true, true, 0, true, false, false, false, ParameterLimits.PERMISSIVE, null), null);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                 | exception                      | message
      chat not offered       | UnsupportedCapabilityException | acme does not support chat: use completion
      too many alternatives  | UnsupportedCapabilityException | topLogprobs must be at most 5 for acme completion, was 6
      logprobs in a stream   | UnsupportedCapabilityException | acme does not report logprobs while streaming completion
      echo                   | UnsupportedCapabilityException | acme cannot return the prompt's logprobs (echo) for completion
      temperature too high   | InvalidRequestException        | temperature must be between 0 and 2.0 for acme, was 2.5
      topK too large         | InvalidRequestException        | topK must be between 0 and 40 for acme, was 41
      seed                   | UnsupportedCapabilityException | acme does not accept a seed
      too many stops         | InvalidRequestException        | at most 4 stop sequences are allowed for acme, was 5
      """)
  void refusesWhatTheProviderCannotDo(String name, String exception, String message) {
    NextTokenException e = assertThrows(NextTokenException.class, () -> validate(name));

    assertEquals(exception, e.getClass().getSimpleName());
    assertEquals(message, e.getMessage());
    assertEquals("acme", e.provider());
    assertEquals(0, e.httpStatus(), "nothing was sent");
  }

  private static void validate(String name) {
    GenerationOptions.Builder o = GenerationOptions.builder();
    Operation operation = Operation.COMPLETION;
    boolean streaming = false;
    boolean echo = false;
    switch (name) {
      case "chat not offered" -> operation = Operation.CHAT;
      case "too many alternatives" -> o.topLogprobs(6);
      case "logprobs in a stream" -> {
        o.topLogprobs(0);
        streaming = true;
      }
      case "echo" -> echo = true;
      case "temperature too high" -> o.temperature(2.5);
      case "topK too large" -> o.topK(41);
      case "seed" -> o.seed(7L);
      case "too many stops" -> o.stop(List.of("a", "b", "c", "d", "e"));
      default -> throw new IllegalArgumentException(name);
    }
    RequestValidator.validate(ACME, operation, o.build(), streaming, echo);
  }

  @Test
  void acceptsWhatIsWithinTheLimits() {
    GenerationOptions atTheLimits = GenerationOptions.builder().topLogprobs(5).temperature(2.0).topK(40).stop("a", "b", "c", "d").build();

    assertDoesNotThrow(() -> RequestValidator.validate(ACME, Operation.COMPLETION, atTheLimits, false, false));
    assertDoesNotThrow(() -> RequestValidator.validate(ACME, Operation.COMPLETION, GenerationOptions.EMPTY, true, false),
        "streaming without logprobs is fine");
  }

  @Test
  void unlimitedAlternativesAcceptAnyCount() {
    GenerationOptions many = GenerationOptions.builder().topLogprobs(100_000).build();

    assertDoesNotThrow(() -> RequestValidator.validate(UNLIMITED, Operation.COMPLETION, many, true, true));
  }

  @Test
  void aProviderWithoutAlternativesSaysSo() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> RequestValidator.validate(UNLIMITED, Operation.CHAT, GenerationOptions.builder().topLogprobs(1).build(), false, false));

    assertEquals("local returns no alternative tokens for chat (topLogprobs must be 0, was 1)", e.getMessage());
  }

  @Test
  void topKIsRefusedWhereTheProviderHasNone() {
    Capabilities noTopK = new Capabilities("acme",
        new OperationCapabilities(true, true, true, 5, true, false, false, false, new ParameterLimits(2.0, false, 0, true, 4), null),
        OperationCapabilities.unsupported(null), null);

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> RequestValidator.validate(noTopK, Operation.COMPLETION, GenerationOptions.builder().topK(3).build(), false, false));

    assertEquals("acme does not accept the sampling parameter topK", e.getMessage());
  }
}
