package dev.nexttoken.cohere.internal;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Role;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.cohere.internal.ChatRequestBody.WireFunction;
import dev.nexttoken.cohere.internal.ChatRequestBody.WireMessage;
import dev.nexttoken.cohere.internal.ChatRequestBody.WireResponseFormat;
import dev.nexttoken.cohere.internal.ChatRequestBody.WireTool;
import java.util.List;

/**
 * Neutral requests to {@code /v2/chat} bodies. Requests arrive validated against the model's
 * declared capabilities and limits, and against {@link RequestRules}, so nothing is checked here.
 */
public final class RequestMapper {
  /**
   * Sent for a tool without a parameters schema: Cohere requires {@code parameters}, and an object
   * with no properties is its way of saying "no arguments".
   */
  static final String NO_PARAMETERS = "{\"type\":\"object\",\"properties\":{}}";

  private RequestMapper() {}

  /** The body for a chat request whose defaults are merged and which passed validation. */
  public static ChatRequestBody chat(ChatRequest request, boolean stream) {
    List<WireTool> tools = request.hasTools() ? request.tools().stream().map(RequestMapper::tool).toList() : null;
    boolean strict = request.tools().stream().anyMatch(t -> Boolean.TRUE.equals(t.strict()));
    return body(MessageMapper.messages(request.messages()), tools, toolChoice(request), strict ? Boolean.TRUE : null,
        request.options(), stream);
  }

  /** The body that sends {@code prompt} as one user message (the opt-in completion-as-chat mode). */
  public static ChatRequestBody promptAsChat(String prompt, GenerationOptions options, boolean stream) {
    return body(List.of(new WireMessage(Role.USER.wireName(), prompt)), null, null, null, options, stream);
  }

  private static ChatRequestBody body(List<WireMessage> messages, List<WireTool> tools, String toolChoice, Boolean strictTools,
      GenerationOptions o, boolean stream) {
    return new ChatRequestBody(
        o.model(),
        messages,
        tools,
        toolChoice,
        strictTools,
        responseFormat(o.responseFormat()),
        stream ? Boolean.TRUE : null,
        o.temperature(),
        o.maxTokens(),
        o.topP(),
        o.topK(),
        o.seed(),
        o.stop(),
        o.logprobsOrNone().enabled() ? Boolean.TRUE : null);
  }

  private static WireTool tool(Tool t) {
    String parameters = t.parameters() == null ? NO_PARAMETERS : t.parameters();
    return new WireTool("function", new WireFunction(t.name(), t.description(), parameters));
  }

  /** AUTO is Cohere's default (absent); a choice without tools has nothing to choose from and is left out. */
  private static String toolChoice(ChatRequest request) {
    ToolChoice choice = request.toolChoice();
    if (choice == null || !request.hasTools()) {
      return null;
    }
    return switch (choice.mode()) {
      case AUTO -> null;
      case NONE -> "NONE";
      case REQUIRED -> "REQUIRED";
      case NAMED -> throw new IllegalArgumentException("Cohere has no named tool choice; RequestRules refuses it before mapping");
    };
  }

  /**
   * JSON mode and schema mode are both {@code json_object}, the schema (if any) beside it as
   * {@code json_schema}; Cohere's schemas have no name, so {@link ResponseFormat#name()} is not sent.
   * Text is Cohere's default and is left out.
   */
  private static WireResponseFormat responseFormat(ResponseFormat format) {
    if (format == null || !format.isJson()) {
      return null;
    }
    return new WireResponseFormat("json_object", format.type() == ResponseFormat.Type.JSON_SCHEMA ? format.schema() : null);
  }
}
