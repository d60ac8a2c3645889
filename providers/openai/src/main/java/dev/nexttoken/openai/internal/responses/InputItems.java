package dev.nexttoken.openai.internal.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.Message;
import dev.nexttoken.Role;
import dev.nexttoken.ToolCall;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.io.IOException;
import java.util.List;

/**
 * A conversation as the Responses API's {@code input} items (wire-formats-2 §1.2), in order.
 *
 * <ul>
 *   <li>A system, developer or user message: {@code {type: message, role, content}}, the content a
 *       string when the message is text only (the shorthand {@code EasyInputMessage}), else a list of
 *       {@code input_text} and {@code input_image} parts; an image is {@code image_url}, the URL as
 *       given or the bytes as a {@code data:} URL, {@code detail} left to OpenAI ({@code auto}).
 *   <li>An assistant turn: its text as a message (content a string, as OpenAI accepts for earlier
 *       assistant turns), left out when it is empty and the turn made calls; then one
 *       {@code {type: function_call, call_id, name, arguments}} per call. The item's own {@code id}
 *       ({@code fc_...}) is not sent: the SDK keeps only {@code call_id}, and an item id without its
 *       reasoning item is refused by OpenAI for reasoning models.
 *   <li>A tool result: {@code {type: function_call_output, call_id, output}}, the output a string,
 *       or a list of {@code input_text}/{@code input_image} parts when the result holds images.
 * </ul>
 *
 * <p>What cannot be written is refused by {@link #check} before anything is sent: a tool result
 * without its call id (the API matches results by {@code call_id} only), a call without an id, and
 * an image in an assistant turn (earlier assistant content is output text only).
 */
final class InputItems {
  private InputItems() {}

  /**
   * @throws RequestValidationException naming {@code messages} for what the Responses API has no item for
   */
  static void check(List<Message> messages, String provider) {
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.role() == Role.TOOL && m.toolCallId() == null) {
        throw invalid(provider, "messages[" + i + "] is the result of tool " + m.toolName()
            + " without a call id: the Responses API matches a function_call_output to its call by call_id");
      }
      for (ToolCall call : m.toolCalls()) {
        if (call.id() == null) {
          throw invalid(provider, "messages[" + i + "] has a call of tool " + call.name()
              + " without an id: the Responses API needs the call_id of every function_call");
        }
      }
      if (m.role() == Role.ASSISTANT && !m.isTextOnly()) {
        throw new UnsupportedCapabilityException(provider + ": messages[" + i
            + "] is an assistant turn with an image; the Responses API takes images only from user, system and developer turns and tool results",
            "messages", ErrorDetails.of(provider));
      }
    }
  }

  private static RequestValidationException invalid(String provider, String message) {
    return new RequestValidationException(provider + ": " + message, "messages", ErrorDetails.of(provider));
  }

  /** Writes the {@code input} array; {@link #check} has passed. */
  static void write(JsonGenerator g, List<Message> messages) throws IOException {
    g.writeArrayFieldStart("input");
    for (Message m : messages) {
      switch (m.role()) {
        case TOOL -> toolResult(g, m);
        case ASSISTANT -> assistant(g, m);
        default -> message(g, m);
      }
    }
    g.writeEndArray();
  }

  private static void message(JsonGenerator g, Message m) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "message");
    g.writeStringField("role", m.role().wireName());
    g.writeFieldName("content");
    content(g, m);
    g.writeEndObject();
  }

  private static void assistant(JsonGenerator g, Message m) throws IOException {
    if (m.toolCalls().isEmpty() || !m.content().isEmpty()) {
      message(g, m);
    }
    for (ToolCall call : m.toolCalls()) {
      g.writeStartObject();
      g.writeStringField("type", "function_call");
      g.writeStringField("call_id", call.id());
      g.writeStringField("name", call.name());
      g.writeStringField("arguments", call.arguments());
      g.writeEndObject();
    }
  }

  private static void toolResult(JsonGenerator g, Message m) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "function_call_output");
    g.writeStringField("call_id", m.toolCallId());
    g.writeFieldName("output");
    content(g, m);
    g.writeEndObject();
  }

  /** A string for text only (what every compatible server reads), else the parts. */
  private static void content(JsonGenerator g, Message m) throws IOException {
    if (m.isTextOnly()) {
      g.writeString(m.content());
      return;
    }
    g.writeStartArray();
    for (ContentPart part : m.parts()) {
      g.writeStartObject();
      if (part instanceof ContentPart.Text t) {
        g.writeStringField("type", "input_text");
        g.writeStringField("text", t.text());
      } else if (part instanceof ImagePart image) {
        g.writeStringField("type", "input_image");
        g.writeStringField("image_url", image.urlOrDataUrl());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
