package dev.nexttoken.cohere.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON body of a non-streamed {@code /v2/chat} response; unknown fields (citations) are ignored. */
public record ChatResponseBody(
    String id,
    @JsonProperty("finish_reason") String finishReason,
    AssistantMessage message,
    WireUsage usage,
    List<LogprobItem> logprobs) {

  /**
   * The assistant's message.
   *
   * @param toolPlan the model's plan before it calls tools
   * @param toolCalls the calls it made
   */
  public record AssistantMessage(
      String role,
      List<ContentItem> content,
      @JsonProperty("tool_plan") String toolPlan,
      @JsonProperty("tool_calls") List<WireToolCall> toolCalls) {}

  /** A {@code content[]} item: {@code {type:"text", text}} or {@code {type:"thinking", thinking}}. */
  public record ContentItem(String type, String text, String thinking) {}
}
