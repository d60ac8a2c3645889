package dev.nexttoken.wire.openai;

import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code /v1/chat/completions} response or stream chunk as {@link ChatResponseReader} reads it: a
 * full response has {@code message}, a chunk has {@code delta}; the usage chunk has no choice.
 *
 * @param choices the choices in the order received (one, unless several were asked for), empty when there is none
 */
public record ChatResponse(String id, String model, String systemFingerprint, List<Choice> choices, WireUsage usage) {
  public ChatResponse {
    choices = choices == null ? List.of() : choices;
  }

  /** The choice with index 0, or null when there is none (the usage chunk, another choice's chunk). */
  public Choice choice() {
    for (Choice c : choices) {
      if (c.index() == 0) {
        return c;
      }
    }
    return null;
  }

  /** One choice; a choice without an index counts as index 0. */
  public record Choice(int index, Message message, Message delta, Logprobs logprobs, String finishReason) {}

  /**
   * The assistant's message, or a delta of it; a refusal comes in {@code refusal}, not {@code content}.
   *
   * @param reasoning {@code reasoning_content} (llama.cpp, DeepSeek, older vLLM) or {@code reasoning}
   *     (newer vLLM), whichever came first; null when neither
   * @param toolCalls the calls in {@code tool_calls}, or in a delta their fragments; empty when none
   */
  public record Message(String role, String content, String refusal, String reasoning, List<ToolCallPart> toolCalls) {
    public Message {
      toolCalls = toolCalls == null ? List.of() : toolCalls;
    }
  }

  /**
   * One entry of {@code tool_calls}: a whole call in a message, a fragment in a delta.
   *
   * @param index the call's {@code index} (deltas only; null when the server left it out)
   * @param arguments {@code function.arguments} as the JSON text received (an object some servers
   *     send instead of the string is written out as compact JSON); null when absent
   */
  public record ToolCallPart(Integer index, String id, String name, String arguments) {}

  /**
   * Logprobs of the content tokens, or of the refusal tokens, already neutral: each position's
   * alternatives ranked and cut to what the caller asked for. Either list is null when not sent.
   */
  public record Logprobs(List<TokenLogprob> content, List<TokenLogprob> refusal) {
    /**
     * The content's entries then the refusal's, or null when neither list was sent ({@code
     * "content": null}): an empty list only for a list that was sent empty. A single non-empty list
     * is returned as it is.
     */
    public List<TokenLogprob> all() {
      if (refusal == null || refusal.isEmpty()) {
        return content != null ? content : refusal;
      }
      if (content == null || content.isEmpty()) {
        return refusal;
      }
      List<TokenLogprob> both = new ArrayList<>(content);
      both.addAll(refusal);
      return both;
    }
  }
}
