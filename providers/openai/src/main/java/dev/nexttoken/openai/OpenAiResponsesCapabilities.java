package dev.nexttoken.openai;

import dev.nexttoken.Capabilities;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.ScoringCapabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the Responses API offers (wire-formats-2 §1.1, §1.2), for any model and per model family.
 * Which models refuse logprobs is {@link OpenAiCapabilities}'s list, shared with chat completions, so
 * one edit reaches both routes.
 *
 * <p>The route has function tools with a parallel-call switch, {@code text.format} with strict JSON
 * schemas, images by URL and as bytes ({@code data:} URLs), and {@code reasoning.effort}; it has no
 * {@code n} (one answer per call) and no logit bias (neither is among {@code CreateResponse}'s fields).
 * Per model, OpenAI's older models lack some of it; the lists below name them by prefix, as OpenAI's
 * model pages do, and a model not named has everything.
 */
final class OpenAiResponsesCapabilities {
  private static final String NO_COMPLETION =
      "the Responses API continues no raw prompt; OpenAiModel's legacy /v1/completions does, for gpt-3.5-turbo-instruct and davinci-002";
  private static final String NO_SCORING = "the Responses API cannot score a given text; OpenAiModel scores through the legacy /v1/completions";

  /** The o-series and every gpt-5 version take {@code reasoning.effort} (o1-mini, o1-preview and the chat snapshots do not). */
  private static final Pattern REASONING_EFFORT = Pattern.compile("(?!o1-mini|o1-preview|gpt-5[.\\d]*-chat)(o\\d+|gpt-5[.\\d]*)(-.*)?");
  /** Models without function calling, and without structured output. */
  private static final Pattern NO_TOOLS = Pattern.compile("(o1-mini|o1-preview)(-.*)?");
  /** Models with JSON mode ({@code json_object}) but no schemas. */
  private static final Pattern NO_SCHEMA = Pattern.compile("(gpt-3\\.5-turbo|gpt-4-turbo)(-.*)?|gpt-4(-\\d{4}.*|-32k.*)?|gpt-4o-2024-05-13");
  /** Models that read no images. */
  private static final Pattern NO_IMAGES = Pattern.compile("(gpt-3\\.5-turbo|o1-mini|o1-preview|o3-mini)(-.*)?|gpt-4(-0314|-0613|-32k.*)?");

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
    return OperationCapabilities.builder()
        .streaming()
        .logprobs(20).logprobsInStream()
        .tokenBytes()
        .parallelToolCalls()
        .strictSchema()
        .images()
        .reasoningEffort()
        .limits(limits)
        .note(LOGPROBS_NOTE);
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
    String base = model.startsWith("ft:") ? model.substring(3) : model;
    if (NO_TOOLS.matcher(base).matches()) {
      notes.add(model + " has no function calling and no structured output");
    } else {
      chat.parallelToolCalls();
      if (NO_SCHEMA.matcher(base).matches()) {
        chat.structuredOutput(StructuredOutput.JSON_OBJECT);
        notes.add(model + " has JSON mode (json_object) but no JSON schemas");
      } else {
        chat.strictSchema();
      }
    }
    if (NO_IMAGES.matcher(base).matches()) {
      notes.add(model + " reads no images");
    } else {
      chat.images();
    }
    if (REASONING_EFFORT.matcher(base).matches()) {
      chat.reasoningEffort();
    }
    chat.note(String.join("; ", notes));
    return of(chat.build());
  }
}
