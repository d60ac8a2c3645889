package dev.nexttoken.wire.openai;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Message;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Role;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;

/**
 * What the chat wire itself cannot carry, or one server refuses, checked before anything is sent:
 * capabilities cover each option alone (core checks them), these are the rules about how options and
 * messages combine.
 */
final class ChatRequestChecks {
  private ChatRequestChecks() {}

  static void check(ChatRequest request, ChatDialect dialect, boolean stream) {
    String provider = dialect.provider();
    List<Message> messages = request.messages();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.role() == Role.TOOL && m.toolCallId() == null) {
        throw invalid(provider + ": the tool result in messages[" + i + "] (tool " + m.toolName()
            + ") has no call id; the chat completions API matches a result to its call by tool_call_id", "messages", provider);
      }
      if (m.role() != Role.USER && !m.images().isEmpty()) {
        throw invalid(provider + ": messages[" + i + "] is a " + m.role().wireName()
            + " message with an image; the chat completions API takes images in user messages only", "messages", provider);
      }
    }
    if (request.parallelToolCalls() != null && !request.hasTools()) {
      throw invalid(provider + ": parallelToolCalls is set but no tools are given", "parallelToolCalls", provider);
    }
    ResponseFormat format = request.options().responseFormat();
    ToolChoice choice = request.toolChoice();
    if (dialect.schemaExcludesNamedTool() && format != null && format.isJson() && choice != null
        && choice.mode() == ToolChoice.Mode.NAMED) {
      throw new UnsupportedCapabilityException(provider + " cannot constrain the answer to JSON (responseFormat) and force the tool "
          + choice.toolName() + " in one request", "responseFormat", ErrorDetails.of(provider));
    }
    if (dialect.noLogprobsWithToolsInStream() && stream && request.hasTools() && request.options().logprobsOrNone().enabled()) {
      throw new UnsupportedCapabilityException(provider + " reports no logprobs while streaming a request with tools;"
          + " drop the tools, the logprobs or the streaming", "logprobs", ErrorDetails.of(provider));
    }
  }

  private static RequestValidationException invalid(String message, String field, String provider) {
    return new RequestValidationException(message, field, ErrorDetails.of(provider));
  }
}
