package dev.nexttoken.cohere.internal;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Message;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Role;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;

/**
 * What Cohere refuses that capabilities cannot say: combinations of options, and options that
 * exist for some of the models that have tools. The core validator has already checked each option
 * against the model's capabilities; these checks run after it, before anything is sent.
 */
public final class RequestRules {
  private RequestRules() {}

  /**
   * @throws UnsupportedCapabilityException for a named tool choice, a tool choice the model lacks,
   *     a response format together with tools, strict and non-strict tools together, or an image
   *     outside a user message
   * @throws RequestValidationException for a tool result without the call id Cohere matches it by
   */
  public static void check(ChatRequest request) {
    String model = request.options().model();
    ToolChoice choice = request.toolChoice();
    if (choice != null && choice.mode() == ToolChoice.Mode.NAMED) {
      throw unsupported("toolChoice", "cohere cannot be told which tool to call: tool_choice is REQUIRED or NONE only "
          + "(to force " + choice.toolName() + ", offer only that tool with ToolChoice.REQUIRED)");
    }
    if (request.hasTools() && choice != null && choice.mode() != ToolChoice.Mode.AUTO && !ModelFamily.of(model).toolChoice()) {
      throw unsupported("toolChoice", "cohere model " + model + " has no tool_choice (Command R7B and newer have it); "
          + "leave the tool choice unset");
    }
    ResponseFormat format = request.options().responseFormat();
    if (request.hasTools() && format != null && format.isJson()) {
      throw unsupported("responseFormat", "cohere does not take a responseFormat together with tools (its API rejects "
          + "response_format with tools); use strict tools instead, or ask without tools");
    }
    checkStrictness(request.tools());
    for (Message m : request.messages()) {
      if (m.role() == Role.TOOL && m.toolCallId() == null) {
        throw new RequestValidationException("cohere matches a tool result to its call by id; the result of tool "
            + m.toolName() + " has no toolCallId", "messages", ErrorDetails.of(CohereWire.PROVIDER));
      }
      if (m.role() != Role.USER && !m.images().isEmpty()) {
        throw unsupported("image", "cohere takes images only in user messages, not in a " + m.role().wireName() + " message");
      }
    }
  }

  /** Cohere's {@code strict_tools} holds every tool to its schema or none: a tool that explicitly opts out cannot be honoured. */
  private static void checkStrictness(List<Tool> tools) {
    List<String> strict = tools.stream().filter(t -> Boolean.TRUE.equals(t.strict())).map(Tool::name).toList();
    List<String> loose = tools.stream().filter(t -> Boolean.FALSE.equals(t.strict())).map(Tool::name).toList();
    if (!strict.isEmpty() && !loose.isEmpty()) {
      throw unsupported("tools", "cohere's strict_tools applies to all tools of a request; tools " + strict
          + " ask for strict arguments and " + loose + " ask for none");
    }
  }

  private static UnsupportedCapabilityException unsupported(String field, String message) {
    return new UnsupportedCapabilityException(message, field, ErrorDetails.of(CohereWire.PROVIDER));
  }
}
