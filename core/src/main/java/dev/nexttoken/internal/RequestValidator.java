package dev.nexttoken.internal;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.ImagePart;
import dev.nexttoken.LogitBias;
import dev.nexttoken.Message;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Role;
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
    checkOutputOptions(provider, operation, op, options, streaming);
  }

  /**
   * Checks a chat request, tools and images included, against the provider's chat capabilities.
   *
   * @throws UnsupportedCapabilityException for tools, a tool choice, parallel-call control or an image the provider cannot take
   */
  public static void validate(Capabilities capabilities, ChatRequest request, boolean streaming) {
    validate(capabilities, Operation.CHAT, request.options(), streaming, false);
    String provider = capabilities.provider();
    OperationCapabilities op = capabilities.of(Operation.CHAT);
    if ((request.hasTools() || request.toolChoice() != null) && !op.tools()) {
      throw unsupported(provider, "tools", provider + " cannot call tools" + suffix(op.note()));
    }
    if (request.parallelToolCalls() != null && !op.parallelToolCalls()) {
      throw unsupported(provider, "parallelToolCalls", provider + " has no switch for parallel tool calls");
    }
    for (Message m : request.messages()) {
      if ((!m.toolCalls().isEmpty() || m.role() == Role.TOOL) && !op.tools()) {
        throw unsupported(provider, "messages", provider + " cannot take tool calls or tool results in the conversation");
      }
      for (ImagePart image : m.images()) {
        boolean bytes = image.data() != null || image.url().startsWith("data:");
        if (bytes ? !op.imageBytes() : !op.imageUrls()) {
          throw unsupported(provider, "image", !op.images()
              ? provider + " cannot take images" + suffix(op.note())
              : provider + " takes images only as " + (op.imageBytes() ? "bytes (ImagePart.bytes), not URLs" : "URLs, not bytes"));
        }
      }
    }
  }

  private static void checkOutputOptions(String provider, Operation operation, OperationCapabilities op, GenerationOptions options,
      boolean streaming) {
    ResponseFormat format = options.responseFormat();
    if (format != null && format.isJson()) {
      StructuredOutput wanted = format.type() == ResponseFormat.Type.JSON_SCHEMA ? StructuredOutput.JSON_SCHEMA : StructuredOutput.JSON_OBJECT;
      if (!op.structuredOutput().covers(wanted)) {
        throw unsupported(provider, "responseFormat", provider + (op.structuredOutput() == StructuredOutput.NONE
            ? " cannot constrain the answer to JSON for " : " constrains the answer to JSON but takes no schema for ")
            + operation.label());
      }
      if (Boolean.TRUE.equals(format.strict()) && !op.strictSchema()) {
        throw unsupported(provider, "responseFormat", provider + " has no strict schema mode for " + operation.label());
      }
    }
    if (options.reasoningEffort() != null && !op.reasoningEffort()) {
      throw unsupported(provider, "reasoningEffort", provider + " has no reasoning effort option for " + operation.label());
    }
    if (options.choices() != null && options.choices() > op.maxChoices()) {
      throw unsupported(provider, "choices", op.maxChoices() == 1
          ? provider + " returns one answer per call for " + operation.label() + " (choices must be 1, was " + options.choices() + ")"
          : "choices must be at most " + op.maxChoices() + " for " + provider + " " + operation.label() + ", was " + options.choices());
    }
    LogitBias bias = options.logitBias();
    if (bias != null) {
      if (!op.logitBias()) {
        throw unsupported(provider, "logitBias", provider + " has no logit bias option for " + operation.label());
      }
      if (!bias.byText().isEmpty() && !op.logitBiasByText()) {
        throw unsupported(provider, "logitBias", provider + " takes a logit bias by token id only, not by text " + bias.byText().keySet());
      }
    }
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
