package dev.nexttoken;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat request: the conversation so far, to be answered by the assistant.
 *
 * @param messages at least one message, in order
 * @param options sampling and reporting settings (unset fields fall back to the client's defaults)
 */
public record ChatRequest(List<Message> messages, GenerationOptions options) {
  public ChatRequest {
    if (messages == null || messages.isEmpty()) {
      throw new IllegalArgumentException("messages must contain at least one message");
    }
    messages = List.copyOf(messages);
    options = options == null ? GenerationOptions.EMPTY : options;
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
    return new ChatRequest(messages, options.withDefaults(defaults));
  }

  /** Builds a {@link ChatRequest}. */
  public static final class Builder extends OptionsBuilder<Builder> {
    private final List<Message> messages = new ArrayList<>();

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

    public ChatRequest build() {
      return new ChatRequest(messages, options());
    }
  }
}
