package dev.nexttoken.cohere.internal;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.Message;
import dev.nexttoken.Role;
import java.util.List;

/**
 * Neutral requests to {@code /v2/chat} bodies. Requests arrive validated against the model's
 * declared limits ({@code CohereModel}'s {@code ParameterLimits}), so nothing is checked here.
 */
public final class RequestMapper {
  private RequestMapper() {}

  /** The body for a chat request whose defaults are merged and which passed validation. */
  public static ChatRequestBody chat(ChatRequest request, boolean stream) {
    List<ChatRequestBody.WireMessage> messages = request.messages().stream().map(RequestMapper::message).toList();
    return body(messages, request.options(), stream);
  }

  /** The body that sends {@code prompt} as one user message (the opt-in completion-as-chat mode). */
  public static ChatRequestBody promptAsChat(String prompt, GenerationOptions options, boolean stream) {
    return body(List.of(new ChatRequestBody.WireMessage(Role.USER.wireName(), prompt)), options, stream);
  }

  private static ChatRequestBody body(List<ChatRequestBody.WireMessage> messages, GenerationOptions o, boolean stream) {
    return new ChatRequestBody(
        o.model(),
        messages,
        stream ? Boolean.TRUE : null,
        o.temperature(),
        o.maxTokens(),
        o.topP(),
        o.topK(),
        o.seed(),
        o.stop(),
        o.logprobsOrNone().enabled() ? Boolean.TRUE : null);
  }

  private static ChatRequestBody.WireMessage message(Message m) {
    // Cohere has no developer role; its system role carries the same instructions.
    Role role = m.role() == Role.DEVELOPER ? Role.SYSTEM : m.role();
    return new ChatRequestBody.WireMessage(role.wireName(), m.content());
  }
}
