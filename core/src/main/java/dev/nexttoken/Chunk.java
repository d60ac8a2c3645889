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
 * @param toolCalls pieces of tool calls this chunk adds, empty when none
 * @param reasoningDelta reasoning text this chunk adds (kept apart from the answer), empty when none
 * @param reasoningLogprobs logprobs of the reasoning tokens this chunk adds, or null
 * @param choice which choice this chunk belongs to when several were asked for (0 otherwise)
 */
public record Chunk(
    String textDelta,
    List<TokenLogprob> logprobs,
    FinishReason finishReason,
    Usage usage,
    String model,
    String responseId,
    Map<String, String> extras,
    List<ToolCallDelta> toolCalls,
    String reasoningDelta,
    List<TokenLogprob> reasoningLogprobs,
    int choice) {

  public Chunk {
    textDelta = textDelta == null ? "" : textDelta;
    logprobs = logprobs == null ? null : List.copyOf(logprobs);
    extras = extras == null ? Map.of() : Map.copyOf(extras);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    reasoningDelta = reasoningDelta == null ? "" : reasoningDelta;
    reasoningLogprobs = reasoningLogprobs == null ? null : List.copyOf(reasoningLogprobs);
    if (choice < 0) {
      throw new IllegalArgumentException("choice must be >= 0, was " + choice);
    }
  }

  /** A chunk of text, logprobs, finish and usage only, for choice 0. */
  public Chunk(String textDelta, List<TokenLogprob> logprobs, FinishReason finishReason, Usage usage, String model,
      String responseId, Map<String, String> extras) {
    this(textDelta, logprobs, finishReason, usage, model, responseId, extras, List.of(), "", null, 0);
  }

  /** This chunk with tool-call pieces. */
  public Chunk withToolCalls(List<ToolCallDelta> deltas) {
    return new Chunk(textDelta, logprobs, finishReason, usage, model, responseId, extras, deltas, reasoningDelta,
        reasoningLogprobs, choice);
  }

  /** This chunk with reasoning text (and its logprobs, or null). */
  public Chunk withReasoning(String delta, List<TokenLogprob> deltaLogprobs) {
    return new Chunk(textDelta, logprobs, finishReason, usage, model, responseId, extras, toolCalls, delta, deltaLogprobs,
        choice);
  }

  /** This chunk as part of choice {@code index}. */
  public Chunk forChoice(int index) {
    return new Chunk(textDelta, logprobs, finishReason, usage, model, responseId, extras, toolCalls, reasoningDelta,
        reasoningLogprobs, index);
  }

  /** A chunk with text only, and no logprobs. */
  public static Chunk text(String delta) {
    return new Chunk(delta, null, null, null, null, null, Map.of());
  }
}
