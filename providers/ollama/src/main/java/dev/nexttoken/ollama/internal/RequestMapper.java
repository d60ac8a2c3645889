package dev.nexttoken.ollama.internal;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Message;
import dev.nexttoken.Role;
import java.util.List;

/**
 * Neutral requests to {@code /api/chat} and {@code /api/generate} bodies. Requests arrive merged
 * with the client's defaults and validated against the declared limits, so nothing is checked here.
 */
public final class RequestMapper {
  private RequestMapper() {}

  /** The {@code /api/chat} body. */
  public static RequestBody chat(ChatRequest request, boolean stream) {
    List<RequestBody.WireMessage> messages = request.messages().stream().map(RequestMapper::message).toList();
    return body(request.options(), messages, null, stream);
  }

  /** The {@code /api/generate} body: the prompt continued as it is ({@code raw}), no template around it. */
  public static RequestBody generate(CompletionRequest request, boolean stream) {
    return body(request.options(), null, request.prompt(), stream);
  }

  private static RequestBody body(GenerationOptions o, List<RequestBody.WireMessage> messages, String prompt, boolean stream) {
    LogprobsOption logprobs = o.logprobsOrNone();
    RequestBody.Options options = new RequestBody.Options(o.maxTokens(), o.temperature(), o.topP(), o.topK(), o.seed(), o.stop());
    return new RequestBody(
        o.model(),
        messages,
        prompt,
        prompt == null ? null : Boolean.TRUE,
        stream,
        logprobs.enabled() ? Boolean.TRUE : null,
        logprobs.enabled() && logprobs.topLogprobs() > 0 ? logprobs.topLogprobs() : null,
        options.isEmpty() ? null : options);
  }

  private static RequestBody.WireMessage message(Message m) {
    // Ollama has no developer role; its system role carries the same instructions.
    Role role = m.role() == Role.DEVELOPER ? Role.SYSTEM : m.role();
    return new RequestBody.WireMessage(role.wireName(), m.content());
  }
}
