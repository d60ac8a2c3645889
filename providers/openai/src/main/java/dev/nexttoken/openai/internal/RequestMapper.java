package dev.nexttoken.openai.internal;

import dev.nexttoken.CompletionRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.openai.OpenAiDialect;
import dev.nexttoken.wire.openai.ChatDialect;
import dev.nexttoken.wire.openai.ChatRequestMapper;
import dev.nexttoken.wire.openai.StreamOptions;

/**
 * Neutral completion and scoring requests as {@code /v1/completions} bodies: only what the caller set,
 * in OpenAI's field names. Chat bodies are the shared wire's ({@link ChatRequestMapper}).
 */
public final class RequestMapper {
  private RequestMapper() {}

  /**
   * The {@code /v1/completions} body. {@code echo} is always sent, as the request always says it;
   * it asks for the prompt's logprobs, which OpenAI scores only when {@code logprobs} is set, so
   * echo without logprobs sends {@code logprobs: 0}.
   */
  public static CompletionBody completion(CompletionRequest request, OpenAiDialect dialect, boolean stream, boolean includeUsage) {
    GenerationOptions o = request.options();
    LogprobsOption logprobs = o.logprobsOrNone();
    Integer wireLogprobs = logprobs.enabled() || request.echoPrompt() ? topLogprobs(logprobs, dialect) : null;
    return new CompletionBody(
        o.model(),
        request.prompt(),
        o.maxTokens(),
        o.temperature(),
        o.topP(),
        o.stop(),
        o.seed(),
        wireLogprobs,
        request.echoPrompt(),
        stream ? Boolean.TRUE : null,
        stream && includeUsage ? StreamOptions.INCLUDE_USAGE : null);
  }

  /**
   * The {@code /v1/completions} body that scores a text: the prompt and text as one input, echoed
   * with its own logprobs ({@code echo}, {@code logprobs}) and nothing generated ({@code max_tokens: 0}).
   */
  public static CompletionBody score(ScoreRequest request, OpenAiDialect dialect) {
    return new CompletionBody(request.model(), request.fullText(), 0, null, null, null, null,
        topLogprobs(LogprobsOption.top(request.topLogprobs()), dialect), true, null, null);
  }

  /** How the chat wire is spoken in {@code dialect}. */
  public static ChatDialect chat(OpenAiDialect dialect) {
    return dialect == OpenAiDialect.OPENAI ? ChatDialect.openAi(CompletionChoices.PROVIDER) : ChatDialect.compatible(CompletionChoices.PROVIDER);
  }

  private static int topLogprobs(LogprobsOption logprobs, OpenAiDialect dialect) {
    // llama.cpp computes no probabilities at all for 0: the same rule as chat's.
    return ChatRequestMapper.topLogprobs(logprobs, chat(dialect));
  }
}
