package dev.nexttoken.gemini.internal;

import dev.nexttoken.Capabilities;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;

/**
 * What Gemini's chat accepts, per model family ({@link GeminiFamily}) and endpoint (the Gemini API
 * or Vertex AI), declared once so that the core validator refuses the rest before sending.
 *
 * <p>Every family: streaming; tools and tool choice, but no switch for parallel calls (Gemini has
 * none: the model decides); JSON answers with a schema ({@code responseJsonSchema}), no strict
 * flag; images as bytes and as URLs ({@code fileData}: Vertex AI fetches {@code gs://} and
 * http(s) URLs, the Gemini API public and signed https URLs since January 2026, besides its own
 * File API's); no logit bias. Logprobs with up to 20 alternatives and token ids, no bytes; not on
 * the Gemini API for the 2.5 models (which refuse them), and on Vertex AI not while streaming
 * (reported to fail). Reasoning effort for the families that think; up to 8 choices, or 1.
 */
public final class GeminiCapabilities {
  /** The ranges Gemini documents: temperature 0–2, at most 5 stop sequences, an int32 seed. */
  private static final ParameterLimits LIMITS = ParameterLimits.builder()
      .temperature(Range.closed(0, 2.0))
      .topP(Range.openClosed(0, 1))
      .topK(Range.integersAtLeast(1))
      .seed(Range.integers(Integer.MIN_VALUE, Integer.MAX_VALUE))
      .maxStopSequences(5)
      .build();

  private static final OperationCapabilities COMPLETION = OperationCapabilities.unsupported(
      "Gemini has no raw prompt continuation; use chat");

  private GeminiCapabilities() {}

  /** The most any Gemini model offers on this endpoint: what {@code capabilities()} reports. */
  public static Capabilities any(boolean vertex) {
    OperationCapabilities.Builder chat = common(GeminiFamily.THINKING_BUDGET.maxCandidates()).reasoningEffort();
    logprobs(chat, vertex);
    return of(chat.note(endpoint(vertex) + " generateContent; what a request can use depends on the model"));
  }

  /** What a model of {@code family} offers on this endpoint; {@code model} names it in the notes. */
  public static Capabilities of(GeminiFamily family, boolean vertex, String model) {
    OperationCapabilities.Builder chat = common(family.maxCandidates());
    if (family.thinks()) {
      chat.reasoningEffort();
    }
    if (!vertex && family == GeminiFamily.THINKING_BUDGET) {
      return of(chat.note("the Gemini API refuses logprobs for " + model + " (\"Logprobs is not enabled for models/...\"); "
          + "ask without logprobs, use another model, or use Vertex AI"));
    }
    logprobs(chat, vertex);
    return of(chat.note(endpoint(vertex) + " generateContent"
        + (vertex ? "; logprobs (up to 20 alternatives, token ids, no bytes) only without streaming"
            : "; logprobs with up to 20 alternatives and token ids, no bytes")));
  }

  private static OperationCapabilities.Builder common(int maxChoices) {
    return OperationCapabilities.builder().streaming().limits(LIMITS)
        .tools()
        .structuredOutput(StructuredOutput.JSON_SCHEMA)
        .images()
        .maxChoices(maxChoices);
  }

  private static void logprobs(OperationCapabilities.Builder chat, boolean vertex) {
    chat.logprobs(20).tokenIds();
    if (!vertex) {
      chat.logprobsInStream();
    }
  }

  private static String endpoint(boolean vertex) {
    return vertex ? "Vertex AI" : "Gemini API";
  }

  private static Capabilities of(OperationCapabilities.Builder chat) {
    return Capabilities.builder(GeminiWire.PROVIDER).completion(COMPLETION).chat(chat.build()).build();
  }
}
