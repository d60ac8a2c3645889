package dev.nexttoken;

import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Map;

/**
 * One piece of a stream: new text, the logprobs of the tokens it adds, and at the end the finish
 * reason and usage. Any field may be absent (null or empty) in a given chunk.
 *
 * @param textDelta text added by this chunk, empty when none
 * @param logprobs logprobs of the tokens this chunk adds, empty when none (never repeated in a later chunk)
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
    logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    extras = extras == null ? Map.of() : Map.copyOf(extras);
  }

  /** A chunk with text only. */
  public static Chunk text(String delta) {
    return new Chunk(delta, List.of(), null, null, null, null, Map.of());
  }
}
