package dev.nexttoken.ollama.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.nexttoken.ImagePart;
import dev.nexttoken.Message;
import dev.nexttoken.Role;
import dev.nexttoken.ToolCall;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.spi.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Neutral messages to Ollama's: text as {@code content}, images as base64 in {@code images}, an
 * assistant turn's calls as {@code tool_calls} with their arguments as a JSON object, a tool result
 * as {@code {"role": "tool", "tool_name", "content"}} (with {@code tool_call_id} when the call had
 * an id), as Ollama's tool-calling guide writes them.
 */
final class MessageWriter {
  /** Trailing text after the object would be written raw into the body: refuse it. */
  private static final ObjectReader STRICT = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private MessageWriter() {}

  /** @throws RequestValidationException for an image or tool call Ollama could not take, naming the message */
  static List<RequestBody.WireMessage> messages(List<Message> messages) {
    List<RequestBody.WireMessage> out = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      out.add(message(messages.get(i), "messages[" + i + "]"));
    }
    return out;
  }

  private static RequestBody.WireMessage message(Message m, String where) {
    // Ollama has no developer role; its system role carries the same instructions.
    Role role = m.role() == Role.DEVELOPER ? Role.SYSTEM : m.role();
    List<ImagePart> images = m.images();
    List<String> base64 = images.isEmpty() ? null : new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      base64.add(ImageData.base64(images.get(i), where + ".images[" + i + "]"));
    }
    List<WireToolCall> calls = m.toolCalls().isEmpty() ? null : new ArrayList<>(m.toolCalls().size());
    for (int i = 0; i < m.toolCalls().size(); i++) {
      calls.add(toolCall(m.toolCalls().get(i), i, where + ".toolCalls[" + i + "]"));
    }
    return new RequestBody.WireMessage(role.wireName(), m.content(), base64, calls, m.toolName(), m.toolCallId());
  }

  /** A call of an earlier turn; Ollama wants its arguments as an object, so they must be one. */
  private static WireToolCall toolCall(ToolCall call, int index, String where) {
    String arguments = call.arguments().isBlank() ? "{}" : call.arguments();
    String problem = notAnObject(arguments);
    if (problem != null) {
      throw new RequestValidationException(OllamaWire.PROVIDER + ": " + where + " (tool " + call.name()
          + "): Ollama takes a call's arguments as a JSON object, and these are " + problem,
          "messages", ErrorDetails.of(OllamaWire.PROVIDER));
    }
    // Checked to be one object and nothing after it, so the text can go onto the wire as it is.
    return new WireToolCall(call.id(), "function", new WireToolCall.Function(index, call.name(), arguments));
  }

  /** Why {@code text} is not exactly one JSON object, or null when it is. */
  private static String notAnObject(String text) {
    try {
      JsonNode tree = STRICT.readTree(text);
      return tree != null && tree.isObject() ? null : "a JSON " + (tree == null ? "nothing" : tree.getNodeType());
    } catch (JsonProcessingException e) {
      return "not valid JSON (" + e.getOriginalMessage() + ")";
    }
  }
}
