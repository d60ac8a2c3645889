/**
 * Test support: finding, installing and running a real {@code llama-server}, and a tiny model whose every
 * probability is known.
 *
 * <pre>{@code
 * KnownAnswerModel model = KnownAnswerModel.defaultModel();
 * try (LlamaServer server = LlamaServer.start(model.cachedFile())) {
 *   // POST server.baseUrl() + "/completion" {"prompt":"Weights and Biases is","n_predict":1,"n_probs":5}
 *   // reports exactly model.topK(model.tokenId(" is"), 5)
 * }
 * }</pre>
 *
 * <p>{@link dev.nexttoken.testkit.KnownAnswerModel#jsonModel()} answers in JSON and with tool calls
 * ({@link dev.nexttoken.testkit.JsonCorpus}); serve it with {@code LlamaServer.builder(..).jinja()} so chat requests
 * with tools get tool calls.
 *
 * <p>{@link dev.nexttoken.testkit.LlamaServerLocator} says where the executable comes from;
 * {@link dev.nexttoken.testkit.junit.LlamaServerExtension} shares one server per model across a JUnit run.
 */
package dev.nexttoken.testkit;
