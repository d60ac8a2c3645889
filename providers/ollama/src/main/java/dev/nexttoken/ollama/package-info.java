/**
 * Models served by Ollama ({@code ollama serve}) behind the neutral {@link dev.nexttoken.LanguageModel},
 * through the native API ({@code /api/chat}, {@code /api/generate}): logprobs with bytes and up to 20
 * alternatives (Ollama 0.12.11 or later), tools, structured output ({@code format}), images as bytes
 * and a thinking model's reasoning kept apart, streamed as NDJSON or not.
 *
 * <pre>{@code
 * try (OllamaModel model = OllamaModel.fromEnv().model("qwen3:4b").build()) {  // OLLAMA_HOST, default 127.0.0.1:11434
 *   Completion answer = model.chat(ChatRequest.builder().user("Capital of France?").topLogprobs(3).build());
 *   answer.logprobs().forEach(t -> System.out.println(t.token() + " " + t.logprob() + " " + t.topLogprobs()));
 *
 *   Completion city = model.chat(ChatRequest.builder().user("Capital of France, as JSON?")
 *       .jsonSchema("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}").topLogprobs(3).build());
 *   city.fieldConfidences().forEach(f -> System.out.println(f.path() + " " + f.value() + " " + f.probability()));
 * }
 * }</pre>
 */
package dev.nexttoken.ollama;
