package dev.nexttoken.openai;

import dev.nexttoken.Capabilities;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.ScoringCapabilities;

/**
 * What the Responses API offers (wire-formats-2 §1.1), for any model and per model family. Which
 * models refuse logprobs is {@link OpenAiCapabilities}'s list, shared with chat completions, so one
 * edit reaches both routes.
 */
final class OpenAiResponsesCapabilities {
  private static final String NO_COMPLETION =
      "the Responses API continues no raw prompt; OpenAiModel's legacy /v1/completions does, for gpt-3.5-turbo-instruct and davinci-002";
  private static final String NO_SCORING = "the Responses API cannot score a given text; OpenAiModel scores through the legacy /v1/completions";

  /**
   * OpenAI's documented ranges: {@code max_output_tokens} at least 16 (reasoning tokens included);
   * no stop sequences, seed or top-k on this route.
   */
  private static final ParameterLimits OPENAI_LIMITS = limits(Range.integersAtLeast(16));

  /** A compatible server (llama.cpp, vLLM, a gateway) sets its own lower bound for lengths. */
  private static final ParameterLimits COMPATIBLE_LIMITS = limits(Range.integersAtLeast(1));

  static final Capabilities OPENAI = of(chat(OPENAI_LIMITS));
  static final Capabilities COMPATIBLE = of(chat(COMPATIBLE_LIMITS));

  private OpenAiResponsesCapabilities() {}

  private static ParameterLimits limits(Range maxTokens) {
    return ParameterLimits.builder()
        .temperature(Range.closed(0, 2.0))
        .topP(Range.openClosed(0, 1))
        .topK(Range.NONE)
        .seed(Range.NONE)
        .maxTokens(maxTokens)
        .maxStopSequences(0)
        .build();
  }

  private static OperationCapabilities chat(ParameterLimits limits) {
    return OperationCapabilities.builder()
        .streaming()
        .logprobs(20).logprobsInStream()
        .tokenBytes()
        .limits(limits)
        .note("POST /responses with include message.output_text.logprobs; streamed tokens carry no bytes,"
            + " so their bytes are the UTF-8 of the token (OpenAI's bytes:\\xNN names decoded)")
        .build();
  }

  private static Capabilities of(OperationCapabilities chat) {
    return Capabilities.builder(OpenAiResponsesModel.PROVIDER)
        .completion(OperationCapabilities.unsupported(NO_COMPLETION))
        .chat(chat)
        .scoring(ScoringCapabilities.unsupported(NO_SCORING))
        .build();
  }

  private static final ModelFamily.PerModel BY_MODEL = new ModelFamily.PerModel(OpenAiResponsesCapabilities::compute);

  /** What OpenAI itself offers {@code model} on this route; {@link #OPENAI} for null. */
  static Capabilities of(String model) {
    return model == null ? OPENAI : BY_MODEL.of(model);
  }

  private static Capabilities compute(String model) {
    return switch (ModelFamily.of(model)) {
      case LEGACY_COMPLETION -> of(OperationCapabilities.unsupported(model + " is a legacy completion model, served only by /v1/completions"));
      case REASONING -> of(OperationCapabilities.builder().streaming().limits(OPENAI_LIMITS)
          .note(model + " is a reasoning model, and OpenAI refuses logprobs for reasoning models"
              + " (HTTP 400 unsupported_parameter, param include)")
          .build());
      case CHAT -> OPENAI;
    };
  }
}
