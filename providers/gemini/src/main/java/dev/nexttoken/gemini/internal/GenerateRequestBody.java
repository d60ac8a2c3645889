package dev.nexttoken.gemini.internal;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;

/**
 * The JSON body of {@code generateContent} and {@code streamGenerateContent} (camelCase on the
 * wire); a null field is not sent, so Gemini's own default applies. JSON the caller wrote (schemas,
 * tool arguments, tool results) is held as text and written raw, so Gemini receives it exactly as
 * given; it is checked to be one JSON object before it gets here.
 *
 * @param contents the conversation, {@code user} and {@code model} turns
 * @param systemInstruction the system and developer messages, or null
 * @param tools the function declarations, or null without tools
 * @param toolConfig whether and which functions the model must call, or null for Gemini's default (auto)
 * @param generationConfig sampling, limits, logprobs, answer format and thinking, or null when all are defaults
 */
public record GenerateRequestBody(
    List<Content> contents, Content systemInstruction, List<Tools> tools, ToolConfig toolConfig, GenerationConfig generationConfig) {

  /** One turn: {@code role} is {@code user} or {@code model}; absent for the system instruction. */
  public record Content(String role, List<Part> parts) {}

  /**
   * A part holds exactly one of its data fields; {@code thoughtSignature} goes beside a
   * {@code functionCall}, as the model sent it (a sibling of the call, not inside it).
   */
  public record Part(String text, Blob inlineData, FileData fileData, FunctionCall functionCall, FunctionResponse functionResponse,
      String thoughtSignature) {
    static Part text(String text) {
      return new Part(text, null, null, null, null, null);
    }

    static Part inline(String mimeType, String base64) {
      return new Part(null, new Blob(mimeType, base64), null, null, null, null);
    }

    static Part file(String fileUri, String mimeType) {
      return new Part(null, null, new FileData(mimeType, fileUri), null, null, null);
    }

    /** @param thoughtSignature the signature the model gave the call, or null for none */
    static Part call(FunctionCall call, String thoughtSignature) {
      return new Part(null, null, null, call, null, thoughtSignature);
    }

    static Part response(FunctionResponse response) {
      return new Part(null, null, null, null, response, null);
    }
  }

  /** Bytes sent inline: {@code data} is base64. */
  public record Blob(String mimeType, String data) {}

  /** A file Gemini fetches; {@code mimeType} may be absent on the Gemini API (Vertex AI requires it). */
  public record FileData(String mimeType, String fileUri) {}

  /** A call the model made earlier, sent back in its {@code model} turn; {@code args} is a JSON object's text. */
  public record FunctionCall(String id, String name, @JsonRawValue String args) {}

  /** The result of a call, in a {@code user} turn; {@code response} is a JSON object's text. */
  public record FunctionResponse(String id, String name, @JsonRawValue String response) {}

  /** One {@code tools[]} entry holding every function declaration. */
  public record Tools(List<FunctionDeclaration> functionDeclarations) {}

  /**
   * A function the model may call. {@code parametersJsonSchema} takes JSON Schema as written
   * ({@code parameters}, the alternative, is an OpenAPI subset with upper-case types); absent for a
   * function without arguments.
   */
  public record FunctionDeclaration(String name, String description, @JsonRawValue String parametersJsonSchema) {}

  /** {@code toolConfig}. */
  public record ToolConfig(FunctionCallingConfig functionCallingConfig) {}

  /**
   * {@code toolConfig.functionCallingConfig}.
   *
   * @param mode {@code AUTO}, {@code ANY} (a call is required) or {@code NONE}
   * @param allowedFunctionNames the only functions {@code ANY} may call, or null for any
   */
  public record FunctionCallingConfig(String mode, List<String> allowedFunctionNames) {}

  /** {@code thinkingConfig}: a level (Gemini 3) or a token budget (Gemini 2.5), never both. */
  public record ThinkingConfig(Boolean includeThoughts, Integer thinkingBudget, String thinkingLevel) {}

  /**
   * {@code generationConfig}.
   *
   * @param responseLogprobs sent only as {@code true}: return {@code logprobsResult}
   * @param logprobs alternatives per position (1–20), sent only with {@code responseLogprobs} and when positive
   * @param candidateCount answers to generate, sent only when more than one is asked for
   * @param responseMimeType {@code application/json} for a JSON answer, else absent (text)
   * @param responseJsonSchema the JSON Schema of the answer as written, or null
   */
  public record GenerationConfig(
      Double temperature,
      Double topP,
      Integer topK,
      Integer maxOutputTokens,
      List<String> stopSequences,
      Long seed,
      Boolean responseLogprobs,
      Integer logprobs,
      Integer candidateCount,
      String responseMimeType,
      @JsonRawValue String responseJsonSchema,
      ThinkingConfig thinkingConfig) {}
}
