/**
 * The provider-neutral API: one {@link dev.nexttoken.LanguageModel} interface for completion and
 * chat, blocking, streamed and async, with neutral requests, responses and capabilities.
 *
 * <pre>{@code
 * try (LanguageModel model = OpenAiModel.fromEnv().model("gpt-4o-mini").build()) {
 *   Completion answer = model.chat(ChatRequest.builder()
 *       .user("Weights and Biases is")
 *       .topLogprobs(5)
 *       .maxTokens(5)
 *       .build());
 *   System.out.println(answer.text());
 *   System.out.println(ProbabilityTable.of(answer).render(TableFormat.TEXT));
 * }
 * }</pre>
 */
package dev.nexttoken;
