package dev.nexttoken;

import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Map;

/**
 * One piece of a stream: new text, the logprobs of the tokens it adds, and at the end the finish
 * reason and usage. Any field may be absent (null or empty) in a given chunk.
 *
 * <p>{@code logprobs} follows {@link Completion#logprobs()}: null when the event carried no logprobs
 * (not requested, or the provider sent none), an empty list only when it carried a list that
 * happens to be empty. Collecting a stream keeps that distinction, so a collected stream carries
 * logprobs exactly when some chunk did.
 *
 * @param textDelta text added by this chunk, empty when none
 * @param logprobs logprobs of the tokens this chunk adds (never repeated in a later chunk), or null
 *     when the chunk carries no logprobs
 * @param finishReason set on the chunk that ends generation
 * @param usage set on the chunk that reports usage (often the last)
 * @param model the model name, when the chunk carries it
 * @param responseId the provider's response id, when the chunk carries it
 * @param extras provider facts this chunk reports (Cohere's billed units), empty when none
 */
public record Chunk(
    String textDelta,
    List<TokenLogprob> logprobs,
    FinishReason finishReason,
    Usage usage,
    String model,
    String responseId,
    Map<String, String> extras) {

  public Chunk {
    textDelta = textDelta == null ? "" : textDelta;
    logprobs = logprobs == null ? null : List.copyOf(logprobs);
    extras = extras == null ? Map.of() : Map.copyOf(extras);
  }

  /** A chunk with text only, and no logprobs. */
  public static Chunk text(String delta) {
    return new Chunk(delta, null, null, null, null, null, Map.of());
  }
}
