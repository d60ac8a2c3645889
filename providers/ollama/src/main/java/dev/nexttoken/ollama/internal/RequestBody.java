package dev.nexttoken.ollama.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;

/**
 * The JSON body of {@code POST /api/chat} (with {@code messages}) or {@code POST /api/generate}
 * (with {@code prompt} and {@code raw}); a null field is not sent, so Ollama's default applies.
 *
 * @param stream always sent: Ollama streams unless told {@code false}, so a blocking call must say so
 * @param raw sent as {@code true} with a prompt: the prompt is continued as it is, without the model's template
 * @param format raw JSON: the caller's JSON Schema exactly as given, or the string {@code "json"}
 * @param think {@code true} or a level ({@code "low"}, {@code "medium"}, {@code "high"}); null = the model's default
 * @param tools the functions the model may call ({@code /api/chat} only)
 * @param logprobs sent only as {@code true}, when any logprobs were asked for
 * @param topLogprobs sent only when alternatives were asked for (Ollama's default 0 is the chosen token only)
 */
public record RequestBody(
    String model,
    List<WireMessage> messages,
    String prompt,
    Boolean raw,
    boolean stream,
    @JsonRawValue String format,
    Object think,
    List<WireTool> tools,
    Boolean logprobs,
    @JsonProperty("top_logprobs") Integer topLogprobs,
    Options options) {

  /**
   * One message; roles {@code system}, {@code user}, {@code assistant}, {@code tool}.
   *
   * @param content always sent, {@code ""} for an assistant turn that only called tools
   * @param images the message's images as base64, or null
   * @param toolCalls the calls an assistant turn made, or null
   * @param toolName on a tool result: the tool it answers (how Ollama's templates match results)
   * @param toolCallId on a tool result: the call's id, when the call had one (accepted since Ollama 0.12.10)
   */
  public record WireMessage(
      String role,
      String content,
      List<String> images,
      @JsonProperty("tool_calls") List<WireToolCall> toolCalls,
      @JsonProperty("tool_name") String toolName,
      @JsonProperty("tool_call_id") String toolCallId) {}

  /** {@code {"type": "function", "function": {name, description, parameters}}}. */
  public record WireTool(String type, Function function) {
    /** @param parameters raw JSON: the caller's schema exactly as given */
    public record Function(String name, String description, @JsonRawValue String parameters) {}
  }

  /** The sampling settings Ollama reads from {@code options}; null when none is set. */
  public record Options(
      @JsonProperty("num_predict") Integer numPredict,
      Double temperature,
      @JsonProperty("top_p") Double topP,
      @JsonProperty("top_k") Integer topK,
      Long seed,
      List<String> stop) {

    boolean isEmpty() {
      return numPredict == null && temperature == null && topP == null && topK == null && seed == null && stop == null;
    }
  }
}
