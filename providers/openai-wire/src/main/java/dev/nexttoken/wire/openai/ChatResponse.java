package dev.nexttoken.wire.openai;

import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code /v1/chat/completions} response or stream chunk as {@link ChatResponseReader} reads it: a
 * full response has {@code message}, a chunk has {@code delta}; the usage chunk has no choice.
 *
 * @param choice the choice with index 0 (requests ask for one), or null when there is none
 */
public record ChatResponse(String id, String model, String systemFingerprint, Choice choice, WireUsage usage) {

  /** One choice. */
  public record Choice(int index, Message message, Message delta, Logprobs logprobs, String finishReason) {}

  /** The assistant's message, or a delta of it; a refusal comes in {@code refusal}, not {@code content}. */
  public record Message(String role, String content, String refusal) {}

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
