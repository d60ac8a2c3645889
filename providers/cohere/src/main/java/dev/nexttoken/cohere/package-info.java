/**
 * Cohere's chat models ({@code /v2/chat}) behind the neutral {@link dev.nexttoken.LanguageModel}:
 * chosen-token logprobs with token ids, streamed or not; no alternatives. Tools, JSON answers
 * (with a schema) and, on vision models, images; see {@link dev.nexttoken.cohere.CohereModel}.
 *
 * <pre>{@code
 * try (CohereModel model = CohereModel.fromEnv().model("command-a-03-2025").build()) {
 *   Completion answer = model.chat(ChatRequest.builder()
 *       .user("Capital of France?")
 *       .topLogprobs(0) // Cohere reports no alternatives; more fails before sending
 *       .build());
 *   answer.logprobs().forEach(t -> System.out.println(t.id() + " " + t.token() + " " + t.logprob()));
 *
 *   // Tools: the calls come back with their arguments text as Cohere sent it, the plan as reasoning.
 *   Completion call = model.chat(ChatRequest.builder()
 *       .user("Weather in Oslo?")
 *       .tool(Tool.of("get_weather", "Current weather in a city",
 *           "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
 *       .build());
 *   call.toolCalls().forEach(c -> System.out.println(c.name() + " " + c.arguments()));
 * }
 * }</pre>
 */
package dev.nexttoken.cohere;
