package dev.nexttoken.openai.internal;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Message;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.openai.OpenAiDialect;
import java.util.ArrayList;
import java.util.List;

/** Neutral requests as OpenAI request bodies: only what the caller set, in OpenAI's field names. */
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

  /** The {@code /v1/chat/completions} body; roles are sent as given. */
  public static ChatBody chat(ChatRequest request, OpenAiDialect dialect, boolean stream, boolean includeUsage) {
    GenerationOptions o = request.options();
    LogprobsOption logprobs = o.logprobsOrNone();
    List<ChatBody.Message> messages = new ArrayList<>(request.messages().size());
    for (Message m : request.messages()) {
      messages.add(new ChatBody.Message(m.role().wireName(), m.content()));
    }
    boolean openAi = dialect == OpenAiDialect.OPENAI;
    return new ChatBody(
        o.model(),
        messages,
        openAi ? o.maxTokens() : null,
        openAi ? null : o.maxTokens(),
        o.temperature(),
        o.topP(),
        o.stop(),
        o.seed(),
        logprobs.enabled() ? Boolean.TRUE : null,
        logprobs.enabled() ? topLogprobs(logprobs, dialect) : null,
        stream ? Boolean.TRUE : null,
        stream && includeUsage ? StreamOptions.INCLUDE_USAGE : null);
  }

  private static int topLogprobs(LogprobsOption logprobs, OpenAiDialect dialect) {
    int k = logprobs.topLogprobs();
    // llama.cpp computes no probabilities at all for 0; the extra alternative is dropped on receipt.
    return dialect == OpenAiDialect.COMPATIBLE ? Math.max(1, k) : k;
  }
}
