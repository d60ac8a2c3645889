package dev.nexttoken.cohere.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON body of a non-streamed {@code /v2/chat} response; unknown fields (tool calls, citations) are ignored. */
public record ChatResponseBody(
    String id,
    @JsonProperty("finish_reason") String finishReason,
    AssistantMessage message,
    WireUsage usage,
    List<LogprobItem> logprobs) {

  /** The assistant's message; only its text content items matter here. */
  public record AssistantMessage(String role, List<ContentItem> content) {}

  /** A {@code content[]} item: {@code {type:"text", text}} or {@code {type:"thinking", thinking}}. */
  public record ContentItem(String type, String text) {}
}
