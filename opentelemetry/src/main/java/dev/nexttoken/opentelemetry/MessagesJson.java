package dev.nexttoken.opentelemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.Message;
import dev.nexttoken.Role;
import dev.nexttoken.ToolCall;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prompts and answers in the GenAI conventions' message JSON ({@code gen_ai.input.messages},
 * {@code gen_ai.output.messages}): {@code [{"role": …, "parts": [{"type": "text", "content": …}]}]}.
 * Only written when the application opted in to capturing content. System and developer messages
 * are part of the conversation here, so they go in the input messages, as the conventions say of
 * instructions that are part of the chat history. An image is described by its URL or media type;
 * its bytes are never copied into a span.
 */
final class MessagesJson {
  private static final JsonFactory JSON = new JsonFactory();

  private MessagesJson() {}

  static String input(ChatRequest request) {
    return write(g -> {
      for (Message m : request.messages()) {
        message(g, m);
      }
    });
  }

  /** A prompt (text completion) or a text to score, as the one user message the model reads. */
  static String input(String prompt) {
    return write(g -> {
      g.writeStartObject();
      g.writeStringField("role", Role.USER.wireName());
      g.writeArrayFieldStart("parts");
      text(g, prompt);
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  static String output(Completion answer) {
    return write(g -> {
      for (Completion choice : answer.choices()) {
        g.writeStartObject();
        g.writeStringField("role", Role.ASSISTANT.wireName());
        g.writeArrayFieldStart("parts");
        if (choice.reasoning() != null) {
          g.writeStartObject();
          g.writeStringField("type", "reasoning");
          g.writeStringField("content", choice.reasoning());
          g.writeEndObject();
        }
        if (!choice.text().isEmpty()) {
          text(g, choice.text());
        }
        for (ToolCall call : choice.toolCalls()) {
          toolCall(g, call);
        }
        g.writeEndArray();
        if (choice.finishReason() != null) {
          g.writeStringField("finish_reason", choice.finishReason().kind().wireName());
        }
        g.writeEndObject();
      }
    });
  }

  private static void message(JsonGenerator g, Message m) throws IOException {
    g.writeStartObject();
    g.writeStringField("role", m.role().wireName());
    g.writeArrayFieldStart("parts");
    if (m.role() == Role.TOOL) {
      g.writeStartObject();
      g.writeStringField("type", "tool_call_response");
      if (m.toolCallId() != null) {
        g.writeStringField("id", m.toolCallId());
      }
      g.writeStringField("result", m.content());
      g.writeEndObject();
    } else {
      for (ContentPart part : m.parts()) {
        if (part instanceof ContentPart.Text t) {
          text(g, t.text());
        } else if (part instanceof ImagePart image) {
          image(g, image);
        }
      }
      for (ToolCall call : m.toolCalls()) {
        toolCall(g, call);
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void text(JsonGenerator g, String content) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "text");
    g.writeStringField("content", content);
    g.writeEndObject();
  }

  private static void image(JsonGenerator g, ImagePart image) throws IOException {
    boolean linked = image.url() != null && !image.url().startsWith("data:");
    g.writeStartObject();
    g.writeStringField("type", linked ? "uri" : "blob");
    g.writeStringField("modality", "image");
    if (linked) {
      g.writeStringField("uri", image.url());
    }
    if (image.mediaType() != null) {
      g.writeStringField("mime_type", image.mediaType());
    }
    g.writeEndObject();
  }

  private static void toolCall(JsonGenerator g, ToolCall call) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "tool_call");
    if (call.id() != null) {
      g.writeStringField("id", call.id());
    }
    g.writeStringField("name", call.name());
    // The arguments as the model wrote them: a model's JSON may be broken, and a span must not be.
    g.writeStringField("arguments", call.arguments());
    g.writeEndObject();
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      body.write(g);
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}
