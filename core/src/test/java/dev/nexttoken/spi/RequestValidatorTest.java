package dev.nexttoken.spi;

import dev.nexttoken.internal.RequestValidator;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Capabilities;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests are checked against capabilities before sending, with messages naming field, limit and value. */
class RequestValidatorTest {
  private static final ParameterLimits LIMITS = ParameterLimits.builder()
      .temperature(Range.closed(0, 2.0))
      .topK(Range.integers(0, 40))
      .seed(Range.NONE)
      .maxStopSequences(4)
      .build();
  /** Completion: up to 5 alternatives, no logprobs in streams. Chat: not offered. */
  private static final Capabilities ACME = Capabilities.builder("acme")
      .completion(OperationCapabilities.builder().streaming().logprobs(5).limits(LIMITS).build())
      .chat(OperationCapabilities.unsupported("use completion"))
      .build();
  private static final Capabilities UNLIMITED = Capabilities.builder("local")
      .completion(OperationCapabilities.builder().streaming().logprobs(OperationCapabilities.UNLIMITED).logprobsInStream()
          .tokenIds().tokenBytes().promptLogprobsInStream().build())
      .chat(OperationCapabilities.builder().streaming().logprobs(0).logprobsInStream().build())
      .build();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                 | exception                      | message
      chat not offered       | UnsupportedCapabilityException | acme does not support chat: use completion
      too many alternatives  | UnsupportedCapabilityException | topLogprobs must be at most 5 for acme completion, was 6
      logprobs in a stream   | UnsupportedCapabilityException | acme does not report logprobs while streaming completion
      echo                   | UnsupportedCapabilityException | acme cannot return the prompt's logprobs (echo) for completion
      temperature too high   | RequestValidationException     | temperature must be between 0 and 2.0 for acme, was 2.5
      topK too large         | RequestValidationException     | topK must be between 0 and 40 for acme, was 41
      seed                   | UnsupportedCapabilityException | acme does not accept a seed
      too many stops         | RequestValidationException     | at most 4 stop sequences are allowed for acme, was 5
      """)
  void refusesWhatTheProviderCannotDo(String name, String exception, String message) {
    NextTokenException e = assertThrows(NextTokenException.class, () -> validate(name));

    assertEquals(exception, e.getClass().getSimpleName());
    assertEquals(message, e.getMessage());
    assertEquals("acme", e.provider());
    assertEquals(0, e.httpStatus(), "nothing was sent");
    assertTrue(e instanceof RequestValidationException, "refused locally, not an ApiException: " + e.getClass());
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
    Capabilities noTopK = Capabilities.builder("acme")
        .completion(OperationCapabilities.builder().streaming().logprobs(5).logprobsInStream()
            .limits(ParameterLimits.builder().temperature(Range.closed(0, 2.0)).topK(Range.NONE).maxStopSequences(4).build())
            .build())
        .build();

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> RequestValidator.validate(noTopK, Operation.COMPLETION, GenerationOptions.builder().topK(3).build(), false, false));

    assertEquals("acme does not accept the sampling parameter topK", e.getMessage());
  }

  /** Cohere-like ranges: top-p with closed bounds inside the neutral (0, 1], a 31-bit seed, an open temperature bound. */
  private static final Capabilities RANGED = Capabilities.builder("ranged")
      .chat(OperationCapabilities.builder().streaming().logprobs(0).logprobsInStream()
          .limits(ParameterLimits.builder()
              .temperature(new Range(0, true, 1.0, false, false))
              .topP(Range.closed(0.01, 0.99))
              .seed(Range.integers(0, Integer.MAX_VALUE))
              .maxTokens(Range.integers(1, 4000))
              .build())
          .build())
      .build();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # field      | value          | message
      topP         | 0.005          | topP must be between 0.01 and 0.99 for ranged, was 0.005
      topP         | 1.0            | topP must be between 0.01 and 0.99 for ranged, was 1.0
      seed         | -1             | seed must be between 0 and 2147483647 for ranged, was -1
      seed         | 2147483648     | seed must be between 0 and 2147483647 for ranged, was 2147483648
      temperature  | 1.0            | temperature must be in [0, 1.0) for ranged, was 1.0
      maxTokens    | 4001           | maxTokens must be between 1 and 4000 for ranged, was 4001
      """)
  void valuesPastABoundNameTheFieldTheRangeAndTheValue(String field, String value, String message) {
    GenerationOptions options = spoil(field, value);

    RequestValidationException e = assertThrows(RequestValidationException.class,
        () -> RequestValidator.validate(RANGED, Operation.CHAT, options, false, false));

    assertEquals(message, e.getMessage());
    assertEquals(field, e.field());
    assertEquals(RequestValidationException.class, e.getClass(), "out of range, not unsupported");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      topP         | 0.01
      topP         | 0.99
      seed         | 0
      seed         | 2147483647
      temperature  | 0.9999
      maxTokens    | 4000
      """)
  void valuesAtAClosedBoundAreAccepted(String field, String value) {
    assertDoesNotThrow(() -> RequestValidator.validate(RANGED, Operation.CHAT, spoil(field, value), false, false));
  }

  private static GenerationOptions spoil(String field, String value) {
    GenerationOptions.Builder o = GenerationOptions.builder();
    switch (field) {
      case "topP" -> o.topP(Double.parseDouble(value));
      case "seed" -> o.seed(Long.parseLong(value));
      case "temperature" -> o.temperature(Double.parseDouble(value));
      case "maxTokens" -> o.maxTokens(Integer.parseInt(value));
      default -> throw new IllegalArgumentException(field);
    }
    return o.build();
  }

  @Test
  void promptLogprobsCanBeBlockingOnly() {
    Capabilities blockingEcho = Capabilities.builder("acme")
        .completion(OperationCapabilities.builder().streaming().logprobs(5).logprobsInStream().promptLogprobs().build())
        .build();

    assertDoesNotThrow(() -> RequestValidator.validate(blockingEcho, Operation.COMPLETION, GenerationOptions.EMPTY, false, true));
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> RequestValidator.validate(blockingEcho, Operation.COMPLETION, GenerationOptions.EMPTY, true, true));
    assertEquals("acme returns the prompt's logprobs (echo) only without streaming; use a blocking call", e.getMessage());
    assertEquals("echoPrompt", e.field());
  }

  @Test
  void aModelWithoutLogprobsIsRefusedWithItsNote() {
    Capabilities reasoning = Capabilities.builder("acme")
        .chat(OperationCapabilities.builder().streaming().note("o3 is a reasoning model").build())
        .build();

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> RequestValidator.validate(reasoning, Operation.CHAT, GenerationOptions.builder().topLogprobs(0).build(), false, false));
    assertEquals("acme does not report logprobs for chat: o3 is a reasoning model", e.getMessage());
    assertEquals("logprobs", e.field());
    assertDoesNotThrow(() -> RequestValidator.validate(reasoning, Operation.CHAT, GenerationOptions.EMPTY, true, false));
  }

  @Test
  void aWholeOperationRefusedNamesNoField() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> RequestValidator.validate(ACME, Operation.CHAT, GenerationOptions.EMPTY, false, false));
    assertNull(e.field());
  }
}
