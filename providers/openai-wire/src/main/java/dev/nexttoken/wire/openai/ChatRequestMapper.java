package dev.nexttoken.wire.openai;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Message;
import dev.nexttoken.Role;
import java.util.ArrayList;
import java.util.List;

/** A neutral chat request as the {@code /v1/chat/completions} body of one dialect: only what the caller set. */
public final class ChatRequestMapper {
  private ChatRequestMapper() {}

  /**
   * The body for {@code request}.
   *
   * @param includeUsage whether a stream asks for the final usage chunk ({@code stream_options})
   * @throws dev.nexttoken.error.RequestValidationException for messages the wire cannot carry (a tool
   *     result without a call id, an image outside a user message)
   * @throws dev.nexttoken.error.UnsupportedCapabilityException for a combination of options the
   *     dialect's server refuses
   */
  public static ChatBody body(ChatRequest request, ChatDialect dialect, boolean stream, boolean includeUsage) {
    ChatRequestChecks.check(request, dialect, stream);
    GenerationOptions o = request.options();
    LogprobsOption logprobs = o.logprobsOrNone();
    List<ChatBody.Message> messages = new ArrayList<>(request.messages().size());
    for (Message m : request.messages()) {
      Role role = dialect.developerAsSystem() && m.role() == Role.DEVELOPER ? Role.SYSTEM : m.role();
      messages.add(new ChatBody.Message(role.wireName(), m.parts(), m.toolCalls(), m.toolCallId()));
    }
    return new ChatBody(
        o.model(),
        messages,
        dialect.maxCompletionTokens() ? o.maxTokens() : null,
        dialect.maxCompletionTokens() ? null : o.maxTokens(),
        o.temperature(),
        o.topK(), // capabilities reject top-k before sending where the server has none (OpenAI)
        o.topP(),
        o.stop(),
        o.seed(),
        logprobs.enabled() ? Boolean.TRUE : null,
        logprobs.enabled() ? topLogprobs(logprobs, dialect) : null,
        logprobs.enabled() ? dialect.postSamplingProbs() : null,
        stream ? Boolean.TRUE : dialect.streamFlagAlways() ? Boolean.FALSE : null,
        stream && includeUsage ? StreamOptions.INCLUDE_USAGE : null,
        dialect.cachePrompt(),
        logprobs.enabled() ? dialect.returnTokensAsTokenIds() : null,
        new ChatTools(request.tools(), request.toolChoice(), request.parallelToolCalls()),
        new ChatControls(o.responseFormat(), o.reasoningEffort(), o.choices(), o.logitBias(), dialect.logitBiasAsPairs()));
  }

  /** What to send as {@code top_logprobs} for {@code logprobs}; see {@link ChatDialect#chosenOnlyAsksForOne()}. */
  public static int topLogprobs(LogprobsOption logprobs, ChatDialect dialect) {
    int k = logprobs.topLogprobs();
    return dialect.chosenOnlyAsksForOne() ? Math.max(1, k) : k;
  }
}
