package dev.nexttoken.opentelemetry;

import dev.nexttoken.Completion;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.ScoredText;
import dev.nexttoken.Usage;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What an answer says about itself, as {@code gen_ai.response.*} and {@code gen_ai.usage.*}
 * attributes, plus the logprob summary; each value is the answer's own field, unchanged, and a
 * field the provider did not report is left out.
 */
final class AnswerAttributes {
  private AnswerAttributes() {}

  static void put(AttributesBuilder attributes, Completion answer) {
    response(attributes, answer.model(), answer.metadata());
    List<String> reasons = new ArrayList<>(1 + answer.otherChoices().size());
    for (Completion choice : answer.choices()) {
      if (choice.finishReason() != null) {
        reasons.add(choice.finishReason().kind().wireName());
      }
    }
    if (!reasons.isEmpty()) {
      attributes.put(GenAiAttributes.RESPONSE_FINISH_REASONS, reasons);
    }
    usage(attributes, answer.usage());
    LogprobSummary.put(attributes, answer.logprobs());
  }

  static void put(AttributesBuilder attributes, ScoredText scored) {
    response(attributes, scored.model(), scored.metadata());
    usage(attributes, scored.usage());
    LogprobSummary.put(attributes, scored.tokens());
  }

  private static void response(AttributesBuilder attributes, String model, ResponseMetadata metadata) {
    if (model != null) {
      attributes.put(GenAiAttributes.RESPONSE_MODEL, model);
    }
    if (metadata.responseId() != null) {
      attributes.put(GenAiAttributes.RESPONSE_ID, metadata.responseId());
    }
  }

  /**
   * The provider's counts as reported: {@code promptTokens} includes cached tokens where the
   * provider counts them there (OpenAI), as the conventions ask of {@code input_tokens}; Gemini's
   * {@code completionTokens} leaves its thinking tokens out (see {@link Usage}), so there
   * {@code output_tokens} does too.
   */
  private static void usage(AttributesBuilder attributes, Usage usage) {
    if (usage.promptTokens() != null) {
      attributes.put(GenAiAttributes.USAGE_INPUT_TOKENS, usage.promptTokens().longValue());
    }
    if (usage.completionTokens() != null) {
      attributes.put(GenAiAttributes.USAGE_OUTPUT_TOKENS, usage.completionTokens().longValue());
    }
    if (usage.cachedTokens() != null) {
      attributes.put(GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS, usage.cachedTokens().longValue());
    }
    if (usage.reasoningTokens() != null) {
      attributes.put(GenAiAttributes.USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningTokens().longValue());
    }
  }
}
