package dev.nexttoken.opentelemetry;

import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import io.opentelemetry.api.common.AttributesBuilder;

/** What a request asked for, as {@code gen_ai.request.*} attributes; an option left unset is left out. */
final class RequestAttributes {
  private RequestAttributes() {}

  /** @param options the request's options with the client's defaults merged: what is sent */
  static void put(AttributesBuilder attributes, GenerationOptions options) {
    if (options.maxTokens() != null) {
      attributes.put(GenAiAttributes.REQUEST_MAX_TOKENS, options.maxTokens().longValue());
    }
    if (options.temperature() != null) {
      attributes.put(GenAiAttributes.REQUEST_TEMPERATURE, options.temperature());
    }
    if (options.topP() != null) {
      attributes.put(GenAiAttributes.REQUEST_TOP_P, options.topP());
    }
    if (options.topK() != null) {
      attributes.put(GenAiAttributes.REQUEST_TOP_K, options.topK().doubleValue());
    }
    if (options.seed() != null) {
      attributes.put(GenAiAttributes.REQUEST_SEED, options.seed());
    }
    if (options.stop() != null && !options.stop().isEmpty()) {
      attributes.put(GenAiAttributes.REQUEST_STOP_SEQUENCES, options.stop());
    }
    // The conventions want the count only when it is not the default of one.
    if (options.choices() != null && options.choices() != 1) {
      attributes.put(GenAiAttributes.REQUEST_CHOICE_COUNT, options.choices().longValue());
    }
    if (options.responseFormat() != null) {
      attributes.put(GenAiAttributes.OUTPUT_TYPE, options.responseFormat().isJson() ? GenAiAttributes.OUTPUT_JSON : GenAiAttributes.OUTPUT_TEXT);
    }
    LogprobsOption logprobs = options.logprobs();
    if (logprobs != null && logprobs.enabled()) {
      attributes.put(GenAiAttributes.REQUEST_TOP_LOGPROBS, logprobs.topLogprobs());
    }
  }
}
