package dev.nexttoken.gemini.internal;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Neutral chat requests to {@code generateContent} bodies. Requests arrive validated against the
 * model's declared limits ({@code GeminiModel}'s capabilities), so nothing is checked here.
 *
 * <p>Gemini has two roles, {@code user} and {@code model}, and takes instructions apart: system and
 * developer messages, wherever they stand, become the parts of {@code systemInstruction} in order
 * (Gemini rejects a {@code system} role inside {@code contents}). Every content carries its role,
 * which Vertex AI requires and the Gemini API accepts.
 */
public final class RequestMapper {
  static final String USER = "user";
  static final String MODEL = "model";

  private RequestMapper() {}

  /** The body for a chat request whose defaults are merged and which passed validation. */
  public static GenerateRequestBody chat(ChatRequest request) {
    List<GenerateRequestBody.Content> contents = new ArrayList<>();
    List<GenerateRequestBody.Part> instructions = new ArrayList<>();
    for (Message m : request.messages()) {
      GenerateRequestBody.Part part = new GenerateRequestBody.Part(m.content());
      switch (m.role()) {
        case SYSTEM, DEVELOPER -> instructions.add(part);
        case ASSISTANT -> contents.add(new GenerateRequestBody.Content(MODEL, List.of(part)));
        default -> contents.add(new GenerateRequestBody.Content(USER, List.of(part)));
      }
    }
    GenerateRequestBody.Content system = instructions.isEmpty() ? null : new GenerateRequestBody.Content(null, instructions);
    return new GenerateRequestBody(contents, system, config(request.options()));
  }

  private static GenerateRequestBody.GenerationConfig config(GenerationOptions o) {
    LogprobsOption logprobs = o.logprobsOrNone();
    GenerateRequestBody.GenerationConfig config = new GenerateRequestBody.GenerationConfig(
        o.temperature(),
        o.topP(),
        o.topK(),
        o.maxTokens(),
        o.stop() == null || o.stop().isEmpty() ? null : o.stop(),
        o.seed(),
        logprobs.enabled() ? Boolean.TRUE : null,
        // Chosen tokens only: logprobs left out (the API reference allows 0, other Google material says 1-20).
        logprobs.enabled() && logprobs.topLogprobs() > 0 ? logprobs.topLogprobs() : null);
    return config.equals(EMPTY) ? null : config;
  }

  private static final GenerateRequestBody.GenerationConfig EMPTY =
      new GenerateRequestBody.GenerationConfig(null, null, null, null, null, null, null, null);
}
