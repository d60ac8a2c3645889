package dev.nexttoken.cohere.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.nexttoken.ToolCall;
import dev.nexttoken.spi.Json;

/**
 * A tool call on the wire, the same shape in all three places: an answer's
 * {@code message.tool_calls[]}, a stream event's {@code delta.message.tool_calls} (one object
 * there, not a list) and an assistant turn sent back in the conversation.
 *
 * @param id Cohere's call id, quoted by the tool result
 * @param type {@code "function"}
 * @param function the tool's name and arguments; a stream's {@code tool-call-delta} carries only arguments
 */
public record WireToolCall(String id, String type, Function function) {

  /**
   * @param name the tool's name
   * @param arguments a JSON string holding the arguments' JSON text, as Cohere documents; kept as a
   *     tree so that a server sending an object instead is still read
   */
  public record Function(String name, JsonNode arguments) {}

  /** The call as sent back in an assistant turn: the arguments text as a JSON string, as Cohere sent it. */
  public static WireToolCall of(ToolCall call) {
    return new WireToolCall(call.id(), "function", new Function(call.name(), TextNode.valueOf(call.arguments())));
  }

  /** The tool's name, or null. */
  public String name() {
    return function == null ? null : function.name();
  }

  /**
   * The arguments' JSON text exactly as Cohere sent it (the string's value); an object a server
   * sent instead is written as compact JSON, keys in the order received; {@code ""} when absent.
   */
  public String argumentsText() {
    JsonNode arguments = function == null ? null : function.arguments();
    if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
      return "";
    }
    if (arguments.isTextual()) {
      return arguments.textValue();
    }
    try {
      return Json.mapper().writeValueAsString(arguments);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write tool call arguments", e);
    }
  }

  /** The neutral call. Cohere reports no logprobs for tool-call tokens. */
  public ToolCall toToolCall() {
    return new ToolCall(id, name() == null ? "" : name(), argumentsText());
  }
}
