package dev.nexttoken;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat request: the conversation so far, to be answered by the assistant, and the tools it may call.
 *
 * @param messages at least one message, in order
 * @param options sampling and reporting settings (unset fields fall back to the client's defaults)
 * @param tools the functions the model may call, empty for none; names are unique
 * @param toolChoice whether and which tool the model must call; null = the provider's default (auto with tools)
 * @param parallelToolCalls whether the model may call several tools in one turn; null = the provider's
 *     default (on for OpenAI, off for llama.cpp)
 */
public record ChatRequest(
    List<Message> messages, GenerationOptions options, List<Tool> tools, ToolChoice toolChoice, Boolean parallelToolCalls) {
  public ChatRequest {
    if (messages == null || messages.isEmpty()) {
      throw new IllegalArgumentException("messages must contain at least one message");
    }
    messages = List.copyOf(messages);
    options = options == null ? GenerationOptions.EMPTY : options;
    tools = tools == null ? List.of() : List.copyOf(tools);
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Tool t : tools) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("tool names must be unique, \"" + t.name() + "\" is given twice");
      }
    }
    if (toolChoice != null && toolChoice.mode() == ToolChoice.Mode.NAMED && !names.contains(toolChoice.toolName())) {
      throw new IllegalArgumentException("tool choice names \"" + toolChoice.toolName() + "\", which is not among the tools " + names);
    }
    if (tools.isEmpty() && toolChoice != null && toolChoice.mode() != ToolChoice.Mode.NONE) {
      throw new IllegalArgumentException("tool choice " + toolChoice.mode() + " needs tools");
    }
  }

  /** A request without tools. */
  public ChatRequest(List<Message> messages, GenerationOptions options) {
    this(messages, options, List.of(), null, null);
  }

  /** Whether tools are offered to the model. */
  public boolean hasTools() {
    return !tools.isEmpty();
  }

  /** A request with one user message. */
  public static ChatRequest of(String userMessage) {
    return new ChatRequest(List.of(Message.user(userMessage)), GenerationOptions.EMPTY);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** This request with each unset option taken from {@code defaults}. */
  public ChatRequest withDefaults(GenerationOptions defaults) {
    return new ChatRequest(messages, options.withDefaults(defaults), tools, toolChoice, parallelToolCalls);
  }

  /** Builds a {@link ChatRequest}. */
  public static final class Builder extends OptionsBuilder<Builder> {
    private final List<Message> messages = new ArrayList<>();
    private final List<Tool> tools = new ArrayList<>();
    private ToolChoice toolChoice;
    private Boolean parallelToolCalls;

    Builder() {}

    public Builder message(Message message) {
      messages.add(message);
      return this;
    }

    public Builder messages(List<Message> value) {
      messages.addAll(value);
      return this;
    }

    public Builder system(String content) {
      return message(Message.system(content));
    }

    public Builder user(String content) {
      return message(Message.user(content));
    }

    public Builder assistant(String content) {
      return message(Message.assistant(content));
    }

    /** A user message of text and images. */
    public Builder user(ContentPart... parts) {
      return message(Message.user(parts));
    }

    public Builder tool(Tool tool) {
      tools.add(tool);
      return this;
    }

    public Builder tools(List<Tool> value) {
      tools.addAll(value);
      return this;
    }

    public Builder toolChoice(ToolChoice value) {
      toolChoice = value;
      return this;
    }

    public Builder parallelToolCalls(Boolean value) {
      parallelToolCalls = value;
      return this;
    }

    public ChatRequest build() {
      return new ChatRequest(messages, options(), tools, toolChoice, parallelToolCalls);
    }
  }
}
