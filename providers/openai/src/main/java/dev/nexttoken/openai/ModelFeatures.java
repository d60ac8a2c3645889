package dev.nexttoken.openai;

import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an OpenAI model can do besides logprobs, judged by its name (a fine-tune's by its base model's,
 * {@link ModelFamily#baseName}): tools, images, JSON schemas, reasoning effort, logit bias. The one
 * list both routes read: {@link #chat} applies it to {@code /v1/chat/completions}, {@link #responses}
 * to {@code /v1/responses}, and each says where its route differs. Apart from {@link ModelFamily},
 * which decides routes and logprobs, because these lines run elsewhere: gpt-5.4 gives logprobs like a
 * chat model yet takes a reasoning effort like gpt-5. Kept as data (name patterns) for the same reason
 * as {@link OpenAiCapabilities}: models change, and a model the patterns credit with too much is
 * refused by OpenAI itself.
 *
 * @param parallelSwitch {@code parallel_tool_calls} is accepted on chat completions (the o-series refuses it
 *     there; on the Responses route every model with tools takes it)
 * @param structuredOutput JSON_SCHEMA means strict schemas too (every OpenAI model with schemas has strict mode)
 * @param minimalEffort {@code reasoning_effort: minimal} is accepted (gpt-5 and later; the o-series takes low to high)
 * @param logitBias {@code logit_bias} is accepted on chat completions (the Responses route has no logit bias at all)
 */
record ModelFeatures(
    boolean tools,
    boolean parallelSwitch,
    StructuredOutput structuredOutput,
    boolean images,
    boolean reasoningEffort,
    boolean minimalEffort,
    boolean logitBias) {

  /** The most any model can ask for: what a compatible server is held to. */
  static final ModelFeatures ANY = new ModelFeatures(true, true, StructuredOutput.JSON_SCHEMA, true, true, true, true);

  /** {@code n} on chat and legacy completions: 1 to 128 (wire-formats §1.2, §1.3). */
  static final int MAX_CHOICES = 128;

  /** o1-mini and o1-preview: no tools, response formats, images or reasoning effort. */
  private static final Pattern EARLY_O1 = Pattern.compile("o1-(mini|preview)(-.*)?");
  /** The o-series (an "o" and a digit first): reasoning, no logit bias, no parallel switch on chat. */
  private static final Pattern O_SERIES = Pattern.compile("o\\d+(-.*)?");
  /** o3-mini: the o-series model without vision. */
  private static final Pattern NO_VISION_O = Pattern.compile("o3-mini(-.*)?");
  /** gpt-5 and its point releases, reasoning models; their {@code -chat} variants are not. */
  private static final Pattern GPT5 = Pattern.compile("gpt-5(\\.\\d+)?(-.*)?");
  private static final Pattern GPT5_CHAT = Pattern.compile("gpt-5(\\.\\d+)?-chat(-.*)?");
  /** Chat models from before vision and JSON schemas: JSON mode at most. */
  private static final Pattern TEXT_ONLY =
      Pattern.compile("gpt-3\\.5-turbo(-.*)?|gpt-4|gpt-4-(0314|0613|32k|1106-preview|0125-preview|turbo-preview)(-.*)?");
  /** Models with vision from before JSON schemas: JSON mode and images. */
  private static final Pattern JSON_MODE_WITH_IMAGES = Pattern.compile("gpt-4-turbo(-.*)?|gpt-4-1106-vision-preview|gpt-4o-2024-05-13");

  static ModelFeatures of(String model) {
    String base = ModelFamily.baseName(model);
    if (ModelFamily.of(model) == ModelFamily.LEGACY_COMPLETION) {
      return new ModelFeatures(false, false, StructuredOutput.NONE, false, false, false, true);
    }
    if (EARLY_O1.matcher(base).matches()) {
      return new ModelFeatures(false, false, StructuredOutput.NONE, false, false, false, false);
    }
    if (O_SERIES.matcher(base).matches()) {
      return new ModelFeatures(true, false, StructuredOutput.JSON_SCHEMA, !NO_VISION_O.matcher(base).matches(), true, false, false);
    }
    if (GPT5.matcher(base).matches() && !GPT5_CHAT.matcher(base).matches()) {
      return new ModelFeatures(true, true, StructuredOutput.JSON_SCHEMA, true, true, true, false);
    }
    if (TEXT_ONLY.matcher(base).matches()) {
      return new ModelFeatures(true, true, StructuredOutput.JSON_OBJECT, false, false, false, true);
    }
    if (JSON_MODE_WITH_IMAGES.matcher(base).matches()) {
      return new ModelFeatures(true, true, StructuredOutput.JSON_OBJECT, true, false, false, true);
    }
    return new ModelFeatures(true, true, StructuredOutput.JSON_SCHEMA, true, false, false, true);
  }

  /** {@code chat} with these features on chat completions, where up to {@link #MAX_CHOICES} answers a call. */
  OperationCapabilities.Builder chat(OperationCapabilities.Builder chat) {
    if (parallelSwitch) {
      chat.parallelToolCalls();
    } else if (tools) {
      chat.tools();
    }
    if (logitBias) {
      chat.logitBias();
    }
    return common(chat).maxChoices(MAX_CHOICES);
  }

  /**
   * {@code chat} with these features on the Responses route, which differs from chat completions:
   * every model with tools takes {@code parallel_tool_calls} (the o-series too), and there is no
   * {@code n} (one answer a call) and no logit bias, whatever the model.
   */
  OperationCapabilities.Builder responses(OperationCapabilities.Builder chat) {
    if (tools) {
      chat.parallelToolCalls();
    }
    return common(chat);
  }

  /** What is the same on both routes: response formats, images, reasoning effort. */
  private OperationCapabilities.Builder common(OperationCapabilities.Builder chat) {
    if (structuredOutput == StructuredOutput.JSON_SCHEMA) {
      chat.strictSchema();
    } else {
      chat.structuredOutput(structuredOutput);
    }
    if (images) {
      chat.images();
    }
    if (reasoningEffort) {
      chat.reasoningEffort();
    }
    return chat;
  }

  /** What {@code model} lacks that current models have, a phrase each, for a capability note. */
  List<String> lacks(String model) {
    List<String> lacks = new ArrayList<>();
    if (!tools) {
      lacks.add(model + " has no function calling and no structured output");
    } else if (structuredOutput == StructuredOutput.JSON_OBJECT) {
      lacks.add(model + " has JSON mode (json_object) but no JSON schemas");
    }
    if (!images) {
      lacks.add(model + " reads no images");
    }
    return lacks;
  }

  /**
   * Refuses an effort this model has no value for, which capabilities cannot say (they tell whether
   * there is an effort at all): {@code minimal} on the o-series.
   */
  void checkEffort(String provider, String model, ReasoningEffort effort) {
    if (effort == ReasoningEffort.MINIMAL && reasoningEffort && !minimalEffort) {
      throw new UnsupportedCapabilityException(provider + ": " + model + " takes reasoning effort low, medium or high, not minimal"
          + " (gpt-5 and later take minimal)", "reasoningEffort", ErrorDetails.of(provider));
    }
  }
}
