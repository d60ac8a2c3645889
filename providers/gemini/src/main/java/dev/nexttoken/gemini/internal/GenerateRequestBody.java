package dev.nexttoken.gemini.internal;

import java.util.List;

/**
 * The JSON body of {@code generateContent} and {@code streamGenerateContent} (camelCase on the
 * wire); a null field is not sent, so Gemini's own default applies.
 *
 * @param contents the conversation, {@code user} and {@code model} turns
 * @param systemInstruction the system and developer messages, or null
 * @param generationConfig sampling, limits and logprobs, or null when all are defaults
 */
public record GenerateRequestBody(List<Content> contents, Content systemInstruction, GenerationConfig generationConfig) {

  /** One turn: {@code role} is {@code user} or {@code model}; absent for the system instruction. */
  public record Content(String role, List<Part> parts) {}

  /** A text part; the only kind this SDK sends. */
  public record Part(String text) {}

  /**
   * {@code generationConfig}.
   *
   * @param responseLogprobs sent only as {@code true}: return {@code logprobsResult}
   * @param logprobs alternatives per position (1–20), sent only with {@code responseLogprobs} and when positive
   */
  public record GenerationConfig(
      Double temperature,
      Double topP,
      Integer topK,
      Integer maxOutputTokens,
      List<String> stopSequences,
      Long seed,
      Boolean responseLogprobs,
      Integer logprobs) {}
}
