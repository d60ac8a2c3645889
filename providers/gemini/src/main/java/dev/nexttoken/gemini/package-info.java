/**
 * Google's Gemini models (the Gemini API, and Vertex AI) behind the neutral
 * {@link dev.nexttoken.LanguageModel}: chat with token logprobs, up to 20 alternatives and token
 * ids, streamed or not.
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
