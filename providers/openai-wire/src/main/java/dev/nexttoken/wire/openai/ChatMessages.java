package dev.nexttoken.wire.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.ToolCall;
import java.io.IOException;
import java.util.List;

/**
 * Writes {@code messages} as the chat wire documents them. A message's {@code content} is a plain
 * string unless it has images, which only content parts can carry
 * ({@code [{type:text, text}, {type:image_url, image_url:{url}}]}, bytes as a {@code data:} URL):
 * every compatible server reads the string, not all of them the parts. An assistant turn that only
 * called tools has {@code content: null} and its {@code tool_calls}; a tool result is
 * {@code {role:tool, tool_call_id, content}}.
 */
final class ChatMessages {
  private ChatMessages() {}

  static void write(JsonGenerator g, List<ChatBody.Message> messages) throws IOException {
    g.writeArrayFieldStart("messages");
    for (ChatBody.Message m : messages) {
      g.writeStartObject();
      g.writeStringField("role", m.role());
      content(g, m);
      if (!m.toolCalls().isEmpty()) {
        toolCalls(g, m.toolCalls());
      }
      if (m.toolCallId() != null) {
        g.writeStringField("tool_call_id", m.toolCallId());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void content(JsonGenerator g, ChatBody.Message m) throws IOException {
    boolean images = false;
    for (ContentPart part : m.parts()) {
      images |= part instanceof ImagePart;
    }
    if (images) {
      g.writeArrayFieldStart("content");
      for (ContentPart part : m.parts()) {
        part(g, part);
      }
      g.writeEndArray();
    } else if (m.parts().isEmpty() && !m.toolCalls().isEmpty()) {
      g.writeNullField("content"); // OpenAI: content is required unless tool_calls is given, then null
    } else {
      g.writeStringField("content", text(m.parts()));
    }
  }

  private static void part(JsonGenerator g, ContentPart part) throws IOException {
    g.writeStartObject();
    if (part instanceof ContentPart.Text t) {
      g.writeStringField("type", "text");
      g.writeStringField("text", t.text());
    } else if (part instanceof ImagePart image) {
      g.writeStringField("type", "image_url");
      g.writeObjectFieldStart("image_url");
      g.writeStringField("url", image.urlOrDataUrl());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static String text(List<ContentPart> parts) {
    if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text t) {
      return t.text();
    }
    StringBuilder out = new StringBuilder();
    for (ContentPart part : parts) {
      if (part instanceof ContentPart.Text t) {
        out.append(t.text());
      }
    }
    return out.toString();
  }

  /** The calls as OpenAI returned them; {@code arguments} is the JSON text exactly as received. */
  private static void toolCalls(JsonGenerator g, List<ToolCall> calls) throws IOException {
    g.writeArrayFieldStart("tool_calls");
    for (ToolCall call : calls) {
      g.writeStartObject();
      if (call.id() != null) {
        g.writeStringField("id", call.id());
      }
      g.writeStringField("type", "function");
      g.writeObjectFieldStart("function");
      g.writeStringField("name", call.name());
      g.writeStringField("arguments", call.arguments());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
