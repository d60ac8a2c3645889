package dev.nexttoken.llamacpp.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One position of llama.cpp's token probabilities, in any of the shapes servers send.
 *
 * <p>Current servers (since Dec 2024): {@code {id, token, bytes, logprob, top_logprobs[...]}}, or with
 * {@code post_sampling_probs} {@code {id, token, bytes, prob, top_probs[...]}}; alternatives have the
 * same fields without the nested list. Older servers: {@code {content, probs[{tok_str, prob}]}}.
 */
public record ProbabilityEntry(
    Integer id,
    String token,
    int[] bytes,
    Double logprob,
    Double prob,
    @JsonProperty("top_logprobs") List<ProbabilityEntry> topLogprobs,
    @JsonProperty("top_probs") List<ProbabilityEntry> topProbs,
    String content,
    List<LegacyCandidate> probs) {

  /** Whether this entry is in the pre-December-2024 {@code {content, probs}} shape. */
  boolean isLegacy() {
    return token == null && (content != null || probs != null);
  }

  /** The alternatives, whichever name they came under, or null. */
  List<ProbabilityEntry> alternatives() {
    return topLogprobs != null ? topLogprobs : topProbs;
  }

  /** An alternative in the old format: a token's text and its linear probability. */
  public record LegacyCandidate(@JsonProperty("tok_str") String tokStr, Double prob) {}
}
