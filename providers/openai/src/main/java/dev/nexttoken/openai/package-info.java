/**
 * The OpenAI provider: {@link dev.nexttoken.openai.OpenAiModel} for OpenAI's chat completions and
 * legacy completions and every server that speaks them (llama.cpp, gateways, and vLLM with its
 * extras: {@link dev.nexttoken.openai.OpenAiDialect#VLLM}), and
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
 *
 * // A vLLM server: scoring through prompt_logprobs, for any model it serves
 * try (OpenAiModel vllm = OpenAiModel.vllm().baseUrl("http://gpu:8000/v1").model("meta-llama/Llama-3.1-8B").build()) {
 *   ScoredText scored = vllm.score(ScoreRequest.of("Weights and Biases is", " the machine learning platform").withTopLogprobs(2));
 * }
 * }</pre>
 */
package dev.nexttoken.openai;
