/**
 * The llama.cpp provider: {@link dev.nexttoken.llamacpp.LlamaCppModel} talks to a local or remote
 * {@code llama-server}, with full top-k logprobs, token ids and bytes.
 *
 * <pre>{@code
 * try (LlamaCppModel model = LlamaCppModel.builder().baseUrl("http://127.0.0.1:8080").build()) {
 *   Completion c = model.complete(CompletionRequest.builder("Weights and Biases is").maxTokens(3).topLogprobs(5).build());
 *   for (TokenLogprob t : c.logprobs()) {
 *     System.out.println(t.token() + " " + t.probability());
 *   }
 *   List<Token> tokens = model.tokenize("Weights and Biases is", true);
 * }
 * }</pre>
 */
package dev.nexttoken.llamacpp;
