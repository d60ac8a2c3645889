package dev.nexttoken.internal;

import dev.nexttoken.Capabilities;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoringCapabilities;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;

/**
 * Checks a request against a provider's capabilities before anything is sent, so that an
 * unsupported option fails at once with a message naming the provider, the field and the limit,
 * instead of being silently dropped or costing a round trip. This is the one place such checks
 * live: providers declare what they accept ({@link ParameterLimits}, per model where models
 * differ) and never check it themselves.
 */
public final class RequestValidator {
  private RequestValidator() {}

  /**
   * @param capabilities the capabilities of the model the request goes to
   * @throws UnsupportedCapabilityException for an operation, streaming, logprobs, echo or parameter the provider lacks
   * @throws RequestValidationException for a value outside the provider's range
   */
  public static void validate(Capabilities capabilities, Operation operation, GenerationOptions options, boolean streaming, boolean echo) {
    String provider = capabilities.provider();
    OperationCapabilities op = capabilities.of(operation);
    if (!op.supported()) {
      throw unsupported(provider, null, provider + " does not support " + operation.label() + suffix(op.note()));
    }
    if (streaming && !op.streaming()) {
      throw unsupported(provider, null, provider + " cannot stream " + operation.label());
    }
    LogprobsOption logprobs = options.logprobsOrNone();
    if (logprobs.enabled()) {
      if (!op.logprobs()) {
        throw unsupported(provider, "logprobs", provider + " does not report logprobs for " + operation.label() + suffix(op.note()));
      }
      if (logprobs.topLogprobs() > op.maxTopLogprobs()) {
        throw unsupported(provider, "topLogprobs", op.maxTopLogprobs() == 0
            ? provider + " returns no alternative tokens for " + operation.label() + " (topLogprobs must be 0, was " + logprobs.topLogprobs() + ")"
            : "topLogprobs must be at most " + op.maxTopLogprobs() + " for " + provider + " " + operation.label() + ", was " + logprobs.topLogprobs());
      }
      if (streaming && !op.logprobsInStream()) {
        throw unsupported(provider, "logprobs", provider + " does not report logprobs while streaming " + operation.label());
      }
    }
    if (echo) {
      if (!op.promptLogprobs()) {
        throw unsupported(provider, "echoPrompt", provider + " cannot return the prompt's logprobs (echo) for " + operation.label());
      }
      if (streaming && !op.promptLogprobsInStream()) {
        // A stream has no place for the prompt's logprobs; dropping them silently would be worse.
        throw unsupported(provider, "echoPrompt", provider + " returns the prompt's logprobs (echo) only without streaming; use a blocking call");
      }
    }
    checkLimits(provider, op.limits(), options);
  }

  /**
   * Checks a scoring request against {@link Capabilities#scoring()}.
   *
   * @throws UnsupportedCapabilityException when the provider cannot score, or not with that many alternatives
   */
  public static void validate(Capabilities capabilities, ScoreRequest request) {
    String provider = capabilities.provider();
    ScoringCapabilities scoring = capabilities.scoring();
    if (!scoring.supported()) {
      throw unsupported(provider, null, provider + " cannot score a given text" + suffix(scoring.note()));
    }
    if (request.topLogprobs() > scoring.maxTopLogprobs()) {
      throw unsupported(provider, "topLogprobs", scoring.maxTopLogprobs() == 0
          ? provider + " returns no alternative tokens when scoring (topLogprobs must be 0, was " + request.topLogprobs() + ")"
          : "topLogprobs must be at most " + scoring.maxTopLogprobs() + " for " + provider + " scoring, was " + request.topLogprobs());
    }
  }

  private static void checkLimits(String provider, ParameterLimits limits, GenerationOptions options) {
    check(provider, "temperature", "a temperature", limits.temperature(), options.temperature());
    check(provider, "topP", "the sampling parameter topP", limits.topP(), options.topP());
    check(provider, "topK", "the sampling parameter topK", limits.topK(), options.topK());
    check(provider, "seed", "a seed", limits.seed(), options.seed());
    check(provider, "maxTokens", "a token limit", limits.maxTokens(), options.maxTokens());
    if (options.stop() != null && options.stop().size() > limits.maxStopSequences()) {
      throw new RequestValidationException("at most " + limits.maxStopSequences() + " stop sequences are allowed for " + provider
          + ", was " + options.stop().size(), "stop", ErrorDetails.of(provider));
    }
  }

  /** One parameter against its range: absent is fine, a parameter the provider lacks is unsupported. */
  private static void check(String provider, String field, String what, Range range, Number value) {
    if (value == null) {
      return;
    }
    if (!range.acceptsAny()) {
      throw unsupported(provider, field, provider + " does not accept " + what);
    }
    if (!range.contains(value.doubleValue())) {
      throw new RequestValidationException(field + " must be " + range.describe() + " for " + provider + ", was " + value,
          field, ErrorDetails.of(provider));
    }
  }

  private static String suffix(String note) {
    return note == null ? "" : ": " + note;
  }

  private static UnsupportedCapabilityException unsupported(String provider, String field, String message) {
    return new UnsupportedCapabilityException(message, field, ErrorDetails.of(provider));
  }
}
