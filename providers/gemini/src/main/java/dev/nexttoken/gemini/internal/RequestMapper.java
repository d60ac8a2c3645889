package dev.nexttoken.gemini.internal;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * Neutral chat requests to {@code generateContent} bodies. Requests arrive validated against the
 * model's declared capabilities ({@code GeminiModel}'s), so only what the conversation itself can
 * get wrong is checked here ({@link ContentMapper}).
 *
 * <ul>
 *   <li>Tools: one {@code tools[]} entry with every {@code functionDeclarations[]} item
 *       {@code {name, description, parametersJsonSchema}}, the schema as given.
 *   <li>Tool choice: {@code toolConfig.functionCallingConfig.mode} {@code AUTO}, {@code NONE},
 *       {@code ANY} for required, {@code ANY} with {@code allowedFunctionNames: [name]} for a named
 *       tool; no {@code toolConfig} when unset (Gemini's default is auto) or without tools.
 *   <li>Answer format: JSON is {@code responseMimeType: "application/json"}, with the schema as
 *       {@code responseJsonSchema} (JSON Schema as given; {@code responseSchema} would be the
 *       OpenAPI subset).
 *   <li>Reasoning effort: {@code thinkingConfig} by model family ({@link GeminiFamily#thinking}).
 *   <li>Choices: {@code candidateCount}, sent only when more than one is asked for.
 * </ul>
 */
public final class RequestMapper {
  static final String JSON = "application/json";

  private RequestMapper() {}

  /**
   * The body for a chat request whose defaults are merged and which passed validation.
   *
   * @param family the family of the request's model, which says how thinking is set
   * @throws dev.nexttoken.error.RequestValidationException for a conversation Gemini cannot take
   *     (see {@link ContentMapper})
   */
  public static GenerateRequestBody chat(ChatRequest request, GeminiFamily family) {
    ContentMapper.Conversation conversation = ContentMapper.map(request.messages());
    return new GenerateRequestBody(conversation.contents(), conversation.systemInstruction(), tools(request.tools()),
        toolConfig(request), config(request.options(), family));
  }

  private static List<GenerateRequestBody.Tools> tools(List<Tool> tools) {
    if (tools.isEmpty()) {
      return null;
    }
    List<GenerateRequestBody.FunctionDeclaration> declarations = new ArrayList<>(tools.size());
    for (Tool t : tools) {
      declarations.add(new GenerateRequestBody.FunctionDeclaration(t.name(), t.description(), t.parameters()));
    }
    return List.of(new GenerateRequestBody.Tools(declarations));
  }

  private static GenerateRequestBody.ToolConfig toolConfig(ChatRequest request) {
    ToolChoice choice = request.toolChoice();
    if (choice == null || !request.hasTools()) {
      return null;
    }
    GenerateRequestBody.FunctionCallingConfig config = switch (choice.mode()) {
      case AUTO -> new GenerateRequestBody.FunctionCallingConfig("AUTO", null);
      case NONE -> new GenerateRequestBody.FunctionCallingConfig("NONE", null);
      case REQUIRED -> new GenerateRequestBody.FunctionCallingConfig("ANY", null);
      case NAMED -> new GenerateRequestBody.FunctionCallingConfig("ANY", List.of(choice.toolName()));
    };
    return new GenerateRequestBody.ToolConfig(config);
  }

  private static GenerateRequestBody.GenerationConfig config(GenerationOptions o, GeminiFamily family) {
    LogprobsOption logprobs = o.logprobsOrNone();
    ResponseFormat format = o.responseFormat();
    boolean json = format != null && format.isJson();
    GenerateRequestBody.GenerationConfig config = new GenerateRequestBody.GenerationConfig(
        o.temperature(),
        o.topP(),
        o.topK(),
        o.maxTokens(),
        o.stop() == null || o.stop().isEmpty() ? null : o.stop(),
        o.seed(),
        logprobs.enabled() ? Boolean.TRUE : null,
        // Chosen tokens only: logprobs left out (the API reference allows 0, other Google material says 1-20).
        logprobs.enabled() && logprobs.topLogprobs() > 0 ? logprobs.topLogprobs() : null,
        o.choicesOrOne() > 1 ? o.choicesOrOne() : null,
        json ? JSON : null,
        json ? format.schema() : null,
        o.reasoningEffort() == null ? null : family.thinking(o.reasoningEffort()));
    return config.equals(EMPTY) ? null : config;
  }

  private static final GenerateRequestBody.GenerationConfig EMPTY =
      new GenerateRequestBody.GenerationConfig(null, null, null, null, null, null, null, null, null, null, null, null);
}
