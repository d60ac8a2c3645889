package dev.nexttoken.ollama.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One response object of {@code /api/chat} ({@code message}) or {@code /api/generate}
 * ({@code response}): the whole answer when not streaming, one line of the NDJSON stream otherwise.
 * Metrics come on the {@code done: true} object only and are left out when zero ({@code omitempty});
 * durations are in nanoseconds. Unknown fields ({@code created_at}, {@code context}, ...) are ignored.
 *
 * @param logprobs this object's tokens (the whole answer's when not streaming); absent from servers
 *     before 0.12.11, and from lines that carry no token
 */
public record ResponseBody(
    String model,
    Message message,
    String response,
    String thinking,
    Boolean done,
    @JsonProperty("done_reason") String doneReason,
    List<WireLogprob> logprobs,
    @JsonProperty("total_duration") Long totalDuration,
    @JsonProperty("load_duration") Long loadDuration,
    @JsonProperty("prompt_eval_count") Integer promptEvalCount,
    @JsonProperty("prompt_eval_duration") Long promptEvalDuration,
    @JsonProperty("eval_count") Integer evalCount,
    @JsonProperty("eval_duration") Long evalDuration) {

  /**
   * The assistant's message of a chat answer; {@code thinking} is the reasoning, not the answer.
   *
   * @param toolCalls the calls the model made, each whole (also in a stream: one line carries whole calls)
   */
  public record Message(String role, String content, String thinking, @JsonProperty("tool_calls") List<WireToolCall> toolCalls) {}

  /** A token and its log-probability; {@code bytes} are the UTF-8 of {@code token} (Ollama ≥ 0.12.11). */
  public record WireLogprob(
      String token,
      Double logprob,
      List<Integer> bytes,
      @JsonProperty("top_logprobs") List<WireLogprob> topLogprobs) {}

  /** The answer's text: the message's content (chat) or {@code response} (generate); never null. */
  String text() {
    String text = message != null ? message.content() : response;
    return text == null ? "" : text;
  }

  /** The reasoning text: the message's {@code thinking} (chat) or the top-level one (generate); never null. */
  String thinkingText() {
    String t = message != null ? message.thinking() : thinking;
    return t == null ? "" : t;
  }

  /** Whether the object carries reasoning text. */
  boolean hasThinking() {
    return !thinkingText().isEmpty();
  }

  /** The message's tool calls; empty when none (and always for generate). */
  List<WireToolCall> toolCalls() {
    return message == null || message.toolCalls() == null ? List.of() : message.toolCalls();
  }

  boolean isDone() {
    return Boolean.TRUE.equals(done);
  }
}
