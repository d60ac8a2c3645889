package dev.nexttoken.openai.internal;

import dev.nexttoken.CompletionRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.openai.OpenAiDialect;
import dev.nexttoken.openai.OpenAiModel;
import dev.nexttoken.wire.openai.ChatDialect;
import dev.nexttoken.wire.openai.ChatRequestMapper;
import dev.nexttoken.wire.openai.StreamOptions;

/**
 * Neutral completion and scoring requests as {@code /v1/completions} bodies: only what the caller set,
 * in OpenAI's field names (and vLLM's, for {@link OpenAiDialect#VLLM}). Chat bodies are the shared
 * wire's ({@link ChatRequestMapper}).
 */
public final class RequestMapper {
  /** The provider name of {@link OpenAiDialect#VLLM}. */
  public static final String VLLM = OpenAiModel.VLLM_PROVIDER;

  private RequestMapper() {}

  /**
   * The {@code /v1/completions} body. {@code echo} is always sent, as the request always says it;
   * it asks for the prompt's logprobs, which OpenAI scores only when {@code logprobs} is set, so
   * echo without logprobs sends {@code logprobs: 0}.
   *
   * @param tokenIds vLLM's {@code return_tokens_as_token_ids}, sent with logprobs when true
   */
  public static CompletionBody completion(CompletionRequest request, OpenAiDialect dialect, boolean stream, boolean includeUsage,
      boolean tokenIds) {
    GenerationOptions o = request.options();
    LogprobsOption logprobs = o.logprobsOrNone();
    boolean withLogprobs = logprobs.enabled() || request.echoPrompt();
    return new CompletionBody(
        o.model(),
        request.prompt(),
        o.maxTokens(),
        o.temperature(),
        o.topP(),
        o.topK(), // capabilities reject top-k before sending where the server has none (OpenAI)
        o.stop(),
        o.seed(),
        withLogprobs ? topLogprobs(logprobs, dialect) : null,
        null,
        request.echoPrompt(),
        withLogprobs && tokenIds ? Boolean.TRUE : null,
        stream ? Boolean.TRUE : null,
        stream && includeUsage ? StreamOptions.INCLUDE_USAGE : null,
        o.choices(),
        o.logitBias());
  }

  /**
   * The {@code /v1/completions} body that scores a text: the prompt and text as one input, echoed
   * with its own logprobs and nothing generated. OpenAI: {@code echo}, {@code logprobs: k},
   * {@code max_tokens: 0}. vLLM: {@code echo}, {@code prompt_logprobs: k} and {@code max_tokens: 1}
   * (builds before {@code echo} without generation refuse 0; the one generated token is not read).
   */
  public static CompletionBody score(ScoreRequest request, OpenAiDialect dialect) {
    if (dialect == OpenAiDialect.VLLM) {
      return new CompletionBody(request.model(), request.fullText(), 1, null, null, null, null, null,
          null, request.topLogprobs(), true, null, null, null, null, null);
    }
    return new CompletionBody(request.model(), request.fullText(), 0, null, null, null, null, null,
        topLogprobs(LogprobsOption.top(request.topLogprobs()), dialect), null, true, null, null, null, null, null);
  }

  /** How the chat wire is spoken in {@code dialect}. */
  public static ChatDialect chat(OpenAiDialect dialect) {
    return chat(dialect, false);
  }

  /** How the chat wire is spoken in {@code dialect}; {@code tokenIds}: vLLM's {@code return_tokens_as_token_ids}. */
  public static ChatDialect chat(OpenAiDialect dialect, boolean tokenIds) {
    return switch (dialect) {
      case OPENAI -> ChatDialect.openAi(CompletionChoices.PROVIDER);
      case COMPATIBLE -> ChatDialect.compatible(CompletionChoices.PROVIDER);
      case VLLM -> ChatDialect.vllm(OpenAiModel.VLLM_PROVIDER, tokenIds);
    };
  }

  private static int topLogprobs(LogprobsOption logprobs, OpenAiDialect dialect) {
    // llama.cpp computes no probabilities at all for 0: the same rule as chat's.
    return ChatRequestMapper.topLogprobs(logprobs, chat(dialect));
  }
}
