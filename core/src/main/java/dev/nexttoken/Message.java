package dev.nexttoken;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One chat message: who speaks, and what: text and images ({@link ContentPart}), the tool calls an
 * assistant turn made, or the result of one call ({@link Role#TOOL}).
 *
 * <p>A tool loop reads: the user's question; the model's answer with {@link Completion#toolCalls()};
 * {@link #assistant(Completion)} to put that answer back in the conversation; one
 * {@link #toolResult(ToolCall, String)} per call; then ask again.
 *
 * @param role who speaks
 * @param parts the content, in order; may be empty (an assistant turn that only calls tools)
 * @param toolCalls the calls an assistant turn made, empty otherwise
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call it answers (null when the provider gave none)
 * @param toolName for a {@link Role#TOOL} message, the tool's name (Gemini and Ollama match results by name)
 */
public record Message(Role role, List<ContentPart> parts, List<ToolCall> toolCalls, String toolCallId, String toolName) {
  public Message {
    Objects.requireNonNull(role, "role");
    parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new IllegalArgumentException("only an assistant message carries tool calls, not " + role.wireName());
    }
    if (role == Role.TOOL && toolName == null && toolCallId == null) {
      throw new IllegalArgumentException("a tool result needs the call's id or the tool's name");
    }
    if (role != Role.TOOL && (toolCallId != null || toolName != null)) {
      throw new IllegalArgumentException("a tool call id or name goes only on a tool message, not " + role.wireName());
    }
  }

  /** A text message. */
  public Message(Role role, String content) {
    this(role, List.of(ContentPart.text(Objects.requireNonNull(content, "content"))), List.of(), null, null);
  }

  /** The text of the message: its text parts joined, {@code ""} when it has none. */
  public String content() {
    if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text t) {
      return t.text();
    }
    StringBuilder out = new StringBuilder();
    for (ContentPart p : parts) {
      if (p instanceof ContentPart.Text t) {
        out.append(t.text());
      }
    }
    return out.toString();
  }

  /** The images of the message, in order. */
  public List<ImagePart> images() {
    List<ImagePart> out = new ArrayList<>();
    for (ContentPart p : parts) {
      if (p instanceof ImagePart i) {
        out.add(i);
      }
    }
    return out;
  }

  /** Whether every part is text (the case every provider can send). */
  public boolean isTextOnly() {
    return parts.stream().allMatch(p -> p instanceof ContentPart.Text);
  }

  public static Message system(String content) {
    return new Message(Role.SYSTEM, content);
  }

  public static Message developer(String content) {
    return new Message(Role.DEVELOPER, content);
  }

  public static Message user(String content) {
    return new Message(Role.USER, content);
  }

  /** A user message of text and images. */
  public static Message user(ContentPart... parts) {
    return new Message(Role.USER, List.of(parts), List.of(), null, null);
  }

  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content);
  }

  /** An assistant turn with its text (may be empty) and the tool calls it made. */
  public static Message assistant(String content, List<ToolCall> toolCalls) {
    List<ContentPart> parts = content == null || content.isEmpty() ? List.of() : List.of(ContentPart.text(content));
    return new Message(Role.ASSISTANT, parts, toolCalls, null, null);
  }

  /** A model's answer put back into the conversation: its text and its tool calls. */
  public static Message assistant(Completion answer) {
    return assistant(answer.text(), answer.toolCalls());
  }

  /** The result of {@code call}, as text (usually JSON), for the model's next turn. */
  public static Message toolResult(ToolCall call, String result) {
    return toolResult(call.id(), call.name(), result);
  }

  /** The result of the call {@code callId} of tool {@code toolName}; either may be null, not both. */
  public static Message toolResult(String callId, String toolName, String result) {
    return new Message(Role.TOOL, List.of(ContentPart.text(Objects.requireNonNull(result, "result"))), List.of(), callId, toolName);
  }
}
