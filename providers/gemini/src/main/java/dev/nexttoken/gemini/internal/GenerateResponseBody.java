package dev.nexttoken.gemini.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A {@code GenerateContentResponse}: the whole blocking answer, and each event of a stream. Unknown
 * fields (safety ratings, citations, grounding, token details) are ignored. Proto3 JSON leaves out
 * zero values, so an absent number may mean 0 where the field is a count or a logprob.
 */
public record GenerateResponseBody(
    List<Candidate> candidates,
    PromptFeedback promptFeedback,
    UsageMetadata usageMetadata,
    String modelVersion,
    String responseId) {

  /** One candidate answer; index 0 (absent in proto3 JSON) is the first choice, the others follow by index. */
  public record Candidate(
      Content content,
      String finishReason,
      String finishMessage,
      Integer index,
      Double avgLogprobs,
      LogprobsResult logprobsResult) {}

  /** A turn; the model's is {@code role: "model"}. */
  public record Content(String role, List<Part> parts) {}

  /**
   * A part: answer text, a thought summary ({@code thought: true}, the reasoning), or a function
   * call. Other kinds (code execution, inline data) carry nothing the neutral answer has. A
   * {@code thoughtSignature} is kept on function calls only (see {@link GeminiWire#THOUGHT_SIGNATURE}):
   * that is where Gemini 3 requires it back; on text it is optional and the neutral answer has no place for it.
   */
  public record Part(String text, Boolean thought, FunctionCall functionCall, String thoughtSignature) {}

  /** A call the model asks for: {@code args} is a JSON object (absent for a call without arguments), {@code id} is optional. */
  public record FunctionCall(String id, String name, JsonNode args) {}

  /**
   * The chosen token at each decoding step, and the top alternatives at the same step (zipped by
   * position; a top list need not contain the chosen token).
   */
  public record LogprobsResult(List<LogprobCandidate> chosenCandidates, List<TopCandidates> topCandidates, Double logProbabilitySum) {}

  /** A token with its id and log probability (absent: 0, as proto3 omits zeros). */
  public record LogprobCandidate(String token, Integer tokenId, Double logProbability) {}

  /** The alternatives of one step, most likely first. */
  public record TopCandidates(List<LogprobCandidate> candidates) {}

  /** Token counts; in a stream cumulative, so the last one counts. */
  public record UsageMetadata(
      Integer promptTokenCount,
      Integer candidatesTokenCount,
      Integer totalTokenCount,
      Integer cachedContentTokenCount,
      Integer thoughtsTokenCount,
      Integer toolUsePromptTokenCount) {}

  /** Why a prompt was blocked; {@code candidates} is then empty. */
  public record PromptFeedback(String blockReason, String blockReasonMessage) {}
}
