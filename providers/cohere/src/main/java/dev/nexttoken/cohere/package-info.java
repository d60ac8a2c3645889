/**
 * Cohere's chat models ({@code /v2/chat}) behind the neutral {@link dev.nexttoken.LanguageModel}:
 * chosen-token logprobs with token ids, streamed or not; no alternatives.
 *
 * <pre>{@code
 * try (CohereModel model = CohereModel.fromEnv().model("command-a-03-2025").build()) {
 *   Completion answer = model.chat(ChatRequest.builder()
 *       .user("Capital of France?")
 *       .topLogprobs(0) // Cohere reports no alternatives; more fails before sending
 *       .build());
 *   answer.logprobs().forEach(t -> System.out.println(t.id() + " " + t.token() + " " + t.logprob()));
 * }
 * }</pre>
 */
package dev.nexttoken.cohere;
