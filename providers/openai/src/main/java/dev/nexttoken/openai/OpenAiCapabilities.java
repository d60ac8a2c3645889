package dev.nexttoken.openai;

import dev.nexttoken.Capabilities;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.ScoringCapabilities;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What OpenAI offers, for any model and per model family; see {@link OpenAiModel#capabilities(String)}
 * for the families. Kept as data (name prefixes) because which models give logprobs changes over
 * time and differs between OpenAI and the gateways that serve the same names.
 */
final class OpenAiCapabilities {
  /** The legacy completion models (wire-formats §1.2), and their fine-tunes ({@code ft:davinci-002:...}). */
  static final List<String> COMPLETION_MODELS = List.of("gpt-3.5-turbo-instruct", "davinci-002", "babbage-002");

  /**
   * The reasoning models, which answer a logprobs request with an error: the o-series ({@code o1},
   * {@code o3-mini}, {@code o4-mini}, ...: an "o" and a digit at the start, so {@code gpt-4o} is not
   * one) and the gpt-5 family up to 5.2 ({@code gpt-5}, {@code -mini}, {@code -nano},
   * {@code -chat-latest}, {@code gpt-5.1}, {@code gpt-5.2}). gpt-5.4 is reported to give logprobs,
   * so later versions are left to the server.
   */
  static final Pattern REASONING = Pattern.compile("o\\d+(-.*)?|gpt-5(-.*)?|gpt-5\\.[12](-.*)?");

  /** OpenAI's documented ranges, the same on both routes (wire-formats §1.2, §1.3). */
  private static final ParameterLimits LIMITS = ParameterLimits.builder()
      .temperature(Range.closed(0, 2.0))
      .topP(Range.openClosed(0, 1))
      .topK(Range.NONE)
      .seed(Range.ALL_INTEGERS)
      .maxStopSequences(4)
      .build();

  private static final OperationCapabilities COMPLETION = OperationCapabilities.builder()
      .streaming()
      .logprobs(5).logprobsInStream()
      .promptLogprobs()
      .maxChoices(ModelFeatures.MAX_CHOICES).logitBias()
      .limits(LIMITS)
      .note("legacy /v1/completions (" + String.join(", ", COMPLETION_MODELS) + "); prompt logprobs (echo) only without streaming")
      .build();

  /** A chat model's logprobs; what else it has is {@link ModelFeatures}'. */
  private static OperationCapabilities.Builder chatWithLogprobs() {
    return OperationCapabilities.builder()
        .streaming()
        .logprobs(20).logprobsInStream()
        .tokenBytes()
        .limits(LIMITS);
  }

  private static final ScoringCapabilities SCORING = ScoringCapabilities.builder()
      .maxTopLogprobs(5)
      .note("legacy /v1/completions with echo and max_tokens 0 (" + String.join(", ", COMPLETION_MODELS) + ");"
          + " chat models cannot score; the first token of the input has no logprob")
      .build();

  /** Any model: the most a request can ask for, and all a compatible server is held to. */
  static final Capabilities ANY_MODEL = Capabilities.builder(OpenAiModel.PROVIDER)
      .completion(COMPLETION)
      .chat(ModelFeatures.ANY.chat(chatWithLogprobs()).build())
      .scoring(SCORING)
      .build();

  /**
   * vLLM's ranges (its {@code SamplingParams}): temperature from 0, top-p in (0, 1], top-k from 1
   * (leave it unset for none: vLLM's "off" was -1 before it became 0), any seed, any number of
   * stop sequences.
   */
  private static final ParameterLimits VLLM_LIMITS = ParameterLimits.builder()
      .temperature(Range.atLeast(0))
      .topP(Range.openClosed(0, 1))
      .topK(Range.integersAtLeast(1))
      .seed(Range.ALL_INTEGERS)
      .build();

  /**
   * Why vLLM chat declares what it does: what the server takes depends on how it was started and on
   * the model, which the SDK cannot see, so everything the protocol has is declared and the server
   * refuses the rest.
   */
  private static final String VLLM_CHAT_FEATURES = "tool choice auto needs the server's --enable-auto-tool-choice and"
      + " --tool-call-parser; images only for multimodal models (others answer 400); schemas are always enforced by"
      + " guided decoding, so strict asks for nothing more; n is bounded by the server alone; no reasoning effort is"
      + " declared (only some models' chat templates read it)";

  private OpenAiCapabilities() {}

  /**
   * What a vLLM server offers any model it serves: chat and completion with up to {@code maxLogprobs}
   * alternatives (the server's {@code --max-logprobs}, {@link OperationCapabilities#UNLIMITED} until
   * known), streamed too, chat with token bytes, tools, JSON schemas and images
   * ({@link #VLLM_CHAT_FEATURES}), any {@code n} and logit bias by token id on both routes, completion
   * with the prompt's logprobs (echo), and scoring with token ids through {@code prompt_logprobs}. With {@code tokenIds}
   * ({@code return_tokens_as_token_ids}) chat and completion tokens carry ids, and chat no bytes.
   */
  static Capabilities vllm(int maxLogprobs, boolean tokenIds) {
    String cap = maxLogprobs == OperationCapabilities.UNLIMITED
        ? "alternatives up to the server's --max-logprobs (default 20), learned from its first refusal"
        : "at most " + maxLogprobs + " alternatives (the server's --max-logprobs)";
    OperationCapabilities.Builder completion = OperationCapabilities.builder()
        .streaming()
        .logprobs(maxLogprobs).logprobsInStream()
        .promptLogprobs()
        .maxChoices(OperationCapabilities.UNLIMITED).logitBias()
        .limits(VLLM_LIMITS)
        .note("/v1/completions; " + cap + "; prompt logprobs (echo) only without streaming");
    OperationCapabilities.Builder chat = OperationCapabilities.builder()
        .streaming()
        .logprobs(maxLogprobs).logprobsInStream()
        .parallelToolCalls().strictSchema().images()
        .maxChoices(OperationCapabilities.UNLIMITED).logitBias()
        .limits(VLLM_LIMITS)
        .note("/v1/chat/completions; " + cap + "; " + VLLM_CHAT_FEATURES);
    if (tokenIds) {
      completion.tokenIds();
      chat.tokenIds();
    } else {
      chat.tokenBytes();
    }
    return Capabilities.builder(OpenAiModel.VLLM_PROVIDER)
        .completion(completion.build())
        .chat(chat.build())
        .scoring(ScoringCapabilities.builder()
            .maxTopLogprobs(maxLogprobs)
            .tokenIds()
            .chatModels()
            .note("/v1/completions with echo and prompt_logprobs; any model; " + cap)
            .build())
        .build();
  }

  private static final ModelFamily.PerModel BY_MODEL = new ModelFamily.PerModel(OpenAiCapabilities::compute);

  /** What OpenAI itself offers {@code model}; {@link #ANY_MODEL} for null. */
  static Capabilities of(String model) {
    return model == null ? ANY_MODEL : BY_MODEL.of(model);
  }

  private static Capabilities compute(String model) {
    ModelFamily family = ModelFamily.of(model);
    if (family == ModelFamily.LEGACY_COMPLETION) {
      return Capabilities.builder(OpenAiModel.PROVIDER)
          .completion(COMPLETION)
          .chat(OperationCapabilities.unsupported(model + " is a legacy completion model, served only by /v1/completions"))
          .scoring(SCORING)
          .build();
    }
    String noCompletion = model + " is a chat model; legacy /v1/completions serves only " + String.join(", ", COMPLETION_MODELS);
    OperationCapabilities.Builder chat = family == ModelFamily.REASONING
        ? OperationCapabilities.builder().streaming().limits(LIMITS)
            .note(model + " is a reasoning model, and OpenAI refuses logprobs for reasoning models")
        : chatWithLogprobs();
    return Capabilities.builder(OpenAiModel.PROVIDER)
        .completion(OperationCapabilities.unsupported(noCompletion))
        .chat(ModelFeatures.of(model).chat(chat).build())
        .scoring(ScoringCapabilities.unsupported(noCompletion))
        .build();
  }
}
