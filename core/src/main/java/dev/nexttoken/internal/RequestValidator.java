package dev.nexttoken.internal;

import dev.nexttoken.Capabilities;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoringCapabilities;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.UnsupportedCapabilityException;

/**
 * Checks a request against a provider's capabilities before anything is sent, so that an
 * unsupported option fails at once with a message naming the provider, the field and the limit,
 * instead of being silently dropped or costing a round trip.
 */
public final class RequestValidator {
  private RequestValidator() {}

  /**
   * @throws UnsupportedCapabilityException for an operation, streaming, logprobs or echo the provider lacks
   * @throws InvalidRequestException for a value outside the provider's range
   */
  public static void validate(Capabilities capabilities, Operation operation, GenerationOptions options, boolean streaming, boolean echo) {
    String provider = capabilities.provider();
    OperationCapabilities op = capabilities.of(operation);
    if (!op.supported()) {
      throw unsupported(provider, provider + " does not support " + operation.label()
          + (op.note() == null ? "" : ": " + op.note()));
    }
    if (streaming && !op.streaming()) {
      throw unsupported(provider, provider + " cannot stream " + operation.label());
    }
    LogprobsOption logprobs = options.logprobsOrNone();
    if (logprobs.enabled()) {
      if (!op.logprobs()) {
        throw unsupported(provider, provider + " does not report logprobs for " + operation.label());
      }
      if (logprobs.topLogprobs() > op.maxTopLogprobs()) {
        throw unsupported(provider, op.maxTopLogprobs() == 0
            ? provider + " returns no alternative tokens for " + operation.label() + " (topLogprobs must be 0, was " + logprobs.topLogprobs() + ")"
            : "topLogprobs must be at most " + op.maxTopLogprobs() + " for " + provider + " " + operation.label() + ", was " + logprobs.topLogprobs());
      }
      if (streaming && !op.logprobsInStream()) {
        throw unsupported(provider, provider + " does not report logprobs while streaming " + operation.label());
      }
    }
    if (echo && !op.promptLogprobs()) {
      throw unsupported(provider, provider + " cannot return the prompt's logprobs (echo) for " + operation.label());
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
      throw unsupported(provider, provider + " cannot score a given text" + (scoring.note() == null ? "" : ": " + scoring.note()));
    }
    if (request.topLogprobs() > scoring.maxTopLogprobs()) {
      throw unsupported(provider, scoring.maxTopLogprobs() == 0
          ? provider + " returns no alternative tokens when scoring (topLogprobs must be 0, was " + request.topLogprobs() + ")"
          : "topLogprobs must be at most " + scoring.maxTopLogprobs() + " for " + provider + " scoring, was " + request.topLogprobs());
    }
  }

  private static void checkLimits(String provider, ParameterLimits limits, GenerationOptions options) {
    if (options.temperature() != null && options.temperature() > limits.maxTemperature()) {
      throw invalid(provider, "temperature must be between 0 and " + limits.maxTemperature() + " for " + provider + ", was " + options.temperature());
    }
    if (options.topK() != null) {
      if (!limits.topK()) {
        throw unsupported(provider, provider + " does not accept the sampling parameter topK");
      }
      if (options.topK() > limits.maxTopK()) {
        throw invalid(provider, "topK must be between 0 and " + limits.maxTopK() + " for " + provider + ", was " + options.topK());
      }
    }
    if (options.seed() != null && !limits.seed()) {
      throw unsupported(provider, provider + " does not accept a seed");
    }
    if (options.stop() != null && options.stop().size() > limits.maxStopSequences()) {
      throw invalid(provider, "at most " + limits.maxStopSequences() + " stop sequences are allowed for " + provider + ", was " + options.stop().size());
    }
  }

  private static UnsupportedCapabilityException unsupported(String provider, String message) {
    return new UnsupportedCapabilityException(message, ErrorDetails.of(provider));
  }

  private static InvalidRequestException invalid(String provider, String message) {
    return new InvalidRequestException(message, ErrorDetails.of(provider));
  }
}
