package dev.nexttoken.cohere.internal;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.Message;
import dev.nexttoken.Role;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.InvalidRequestException;
import java.util.List;

/**
 * Neutral requests to {@code /v2/chat} bodies. Ranges the capabilities cannot express ({@code p},
 * {@code seed}) are checked here, before anything is sent, rather than costing a round trip.
 */
public final class RequestMapper {
  /** Cohere documents {@code p} as 0.01–0.99; the neutral type allows (0, 1]. */
  static final double MIN_P = 0.01;

  static final double MAX_P = 0.99;

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
    checkRanges(o);
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

  private static void checkRanges(GenerationOptions o) {
    if (o.topP() != null && (o.topP() < MIN_P || o.topP() > MAX_P)) {
      throw invalid("topP must be between " + MIN_P + " and " + MAX_P + " for cohere, was " + o.topP());
    }
    if (o.seed() != null && (o.seed() < 0 || o.seed() > Integer.MAX_VALUE)) {
      throw invalid("seed must be between 0 and " + Integer.MAX_VALUE + " for cohere, was " + o.seed());
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(message, ErrorDetails.of(CohereWire.PROVIDER));
  }
}
