package dev.nexttoken.cohere.internal;

import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.Message;
import dev.nexttoken.Role;
import dev.nexttoken.cohere.internal.ChatRequestBody.WireMessage;
import dev.nexttoken.cohere.internal.ChatRequestBody.WirePart;
import java.util.ArrayList;
import java.util.List;

/**
 * Neutral messages to Cohere's: text as a plain string, text with images as
 * {@code [{type:"text"}, {type:"image_url"}]} parts, an assistant turn with its {@code tool_calls},
 * a tool result as {@code {role:"tool", tool_call_id, content}}. Requests arrive checked by
 * {@link RequestRules}.
 */
final class MessageMapper {
  private MessageMapper() {}

  static List<WireMessage> messages(List<Message> messages) {
    return messages.stream().map(MessageMapper::message).toList();
  }

  static WireMessage message(Message m) {
    return switch (m.role()) {
      // Cohere has no developer role; its system role carries the same instructions.
      case SYSTEM, DEVELOPER -> new WireMessage(Role.SYSTEM.wireName(), m.content());
      case USER -> new WireMessage(Role.USER.wireName(), content(m), null, null);
      case ASSISTANT -> assistant(m);
      // The result as a string (usually JSON text): the simplest content ToolMessageV2 takes.
      case TOOL -> new WireMessage(Role.TOOL.wireName(), m.content(), null, m.toolCallId());
    };
  }

  /**
   * The turn's text and calls. The tool plan that came with the calls is not sent back: a neutral
   * message has no place for it, and Cohere's assistant message does not require it.
   */
  private static WireMessage assistant(Message m) {
    if (m.toolCalls().isEmpty()) {
      return new WireMessage(Role.ASSISTANT.wireName(), m.content());
    }
    String text = m.content();
    List<WireToolCall> calls = m.toolCalls().stream().map(WireToolCall::of).toList();
    return new WireMessage(Role.ASSISTANT.wireName(), text.isEmpty() ? null : text, calls, null);
  }

  /** A string for text, parts once there is an image (bytes go as a base64 data URL, which Cohere takes). */
  private static Object content(Message m) {
    if (m.isTextOnly()) {
      return m.content();
    }
    List<WirePart> parts = new ArrayList<>(m.parts().size());
    for (ContentPart part : m.parts()) {
      parts.add(part instanceof ImagePart image ? WirePart.image(image.urlOrDataUrl()) : WirePart.text(((ContentPart.Text) part).text()));
    }
    return parts;
  }
}
