/**
 * The OpenAI provider: {@link dev.nexttoken.openai.OpenAiModel} for OpenAI's chat completions and
 * legacy completions and every server that speaks them (llama.cpp, vLLM, gateways), and
 * {@link dev.nexttoken.openai.OpenAiResponsesModel} for the Responses API ({@code POST /v1/responses}).
 *
 * <pre>{@code
 * try (LanguageModel model = OpenAiModel.fromEnv().model("gpt-4o-mini").build()) {
 *   Completion answer = model.chat(ChatRequest.builder().user("Capital of France?").topLogprobs(5).build());
 *   for (TokenLogprob token : answer.logprobs()) {
 *     System.out.println(token.token() + " " + token.probability());
 *   }
 * }
 *
 * // The Responses API: the same neutral calls, logprobs streamed too
 * try (LanguageModel model = OpenAiResponsesModel.fromEnv().model("gpt-4.1-mini").build();
 *      CompletionStream stream = model.chatStreaming(ChatRequest.builder().user("Capital of France?").topLogprobs(3).build())) {
 *   Completion answer = stream.collect(); // the blocking call's answer, logprobs included
 * }
 *
 * // A llama.cpp server: the base URL ends in /v1
 * OpenAiModel local = OpenAiModel.builder().baseUrl("http://127.0.0.1:8080/v1").model("any").build();
 * }</pre>
 */
package dev.nexttoken.openai;
