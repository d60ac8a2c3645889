/**
 * Google's Gemini models (the Gemini API, and Vertex AI) behind the neutral
 * {@link dev.nexttoken.LanguageModel}: chat with token logprobs, up to 20 alternatives and token
 * ids, streamed or not; tools, JSON answers with a schema, images, thinking and several candidates
 * (see {@link dev.nexttoken.gemini.GeminiModel} for how each maps to Gemini's wire).
 *
 * <pre>{@code
 * try (GeminiModel model = GeminiModel.fromEnv().model("gemini-2.0-flash").build()) {
 *   Completion answer = model.chat(ChatRequest.builder()
 *       .system("Answer in one word.")
 *       .user("Capital of France?")
 *       .topLogprobs(3)
 *       .build());
 *   answer.logprobs().forEach(t -> System.out.println(t.id() + " " + t.token() + " " + t.logprob()));
 * }
 * }</pre>
 */
package dev.nexttoken.gemini;
