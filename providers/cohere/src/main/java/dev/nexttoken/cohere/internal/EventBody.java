package dev.nexttoken.cohere.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code data} of one v2 stream event, for the event types that matter here; every field is
 * null unless the event type carries it.
 *
 * @param type {@code message-start}, {@code content-start}, {@code content-delta}, {@code tool-plan-delta},
 *     {@code tool-call-start}, {@code tool-call-delta}, {@code message-end}, ...
 * @param id the response id ({@code message-start})
 * @param index the content item ({@code content-*}) or the tool call ({@code tool-call-*}) the event belongs to
 * @param delta what the event adds
 * @param logprobs the logprobs of a {@code content-delta}'s text (one item per event), when requested
 */
public record EventBody(String type, String id, Integer index, Delta delta, LogprobItem logprobs) {

  /** What an event adds: message content, or at the end the finish reason and usage. */
  public record Delta(DeltaMessage message, @JsonProperty("finish_reason") String finishReason, WireUsage usage) {}

  /**
   * The message part of a delta.
   *
   * @param toolPlan a piece of the tool plan ({@code tool-plan-delta})
   * @param toolCalls one call, not a list ({@code tool-call-start}: id, name and {@code arguments:""};
   *     {@code tool-call-delta}: an arguments fragment)
   */
  public record DeltaMessage(
      DeltaContent content,
      @JsonProperty("tool_plan") String toolPlan,
      @JsonProperty("tool_calls") WireToolCall toolCalls) {}

  /** A content piece: {@code type} on {@code content-start}, {@code text} (or {@code thinking}) on deltas. */
  public record DeltaContent(String type, String text, String thinking) {}
}
