package dev.nexttoken.openai;

import dev.nexttoken.Capabilities;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.ScoringCapabilities;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Responses API offers (wire-formats-2 §1.1, §1.2), for any model and per model family.
 * Which models refuse logprobs is {@link OpenAiCapabilities}'s list, and what else each model has is
 * {@link ModelFeatures}', both shared with chat completions, so one edit reaches both routes.
 *
 * <p>The route has function tools with a parallel-call switch, {@code text.format} with strict JSON
 * schemas, images by URL and as bytes ({@code data:} URLs), and {@code reasoning.effort}; it has no
 * {@code n} (one answer per call) and no logit bias (neither is among {@code CreateResponse}'s fields).
 * Where this differs from chat completions per model is {@link ModelFeatures#responses}.
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

  private static final String LOGPROBS_NOTE = "POST /responses with include message.output_text.logprobs; streamed tokens carry no bytes,"
      + " so their bytes are the UTF-8 of the token (OpenAI's bytes:\\xNN names decoded)";

  static final Capabilities OPENAI = of(everything(OPENAI_LIMITS).build());
  static final Capabilities COMPATIBLE = of(everything(COMPATIBLE_LIMITS).build());

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

  /** All the route has, for a model not known to lack any of it (and for any model of a compatible server). */
  private static OperationCapabilities.Builder everything(ParameterLimits limits) {
    return ModelFeatures.ANY.responses(OperationCapabilities.builder()
        .streaming()
        .logprobs(20).logprobsInStream()
        .tokenBytes()
        .limits(limits)
        .note(LOGPROBS_NOTE));
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
    ModelFamily family = ModelFamily.of(model);
    if (family == ModelFamily.LEGACY_COMPLETION) {
      return of(OperationCapabilities.unsupported(model + " is a legacy completion model, served only by /v1/completions"));
    }
    OperationCapabilities.Builder chat = OperationCapabilities.builder().streaming().limits(OPENAI_LIMITS);
    List<String> notes = new ArrayList<>();
    if (family == ModelFamily.REASONING) {
      notes.add(model + " is a reasoning model, and OpenAI refuses logprobs for reasoning models"
          + " (HTTP 400 unsupported_parameter, param include)");
    } else {
      chat.logprobs(20).logprobsInStream().tokenBytes();
      notes.add(LOGPROBS_NOTE);
    }
    ModelFeatures features = ModelFeatures.of(model);
    notes.addAll(features.lacks(model));
    features.responses(chat);
    chat.note(String.join("; ", notes));
    return of(chat.build());
  }
}
