package dev.nexttoken.cohere.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;

/**
 * The JSON body of {@code POST /v2/chat}; a null field is not sent, so the provider's own default applies.
 *
 * @param tools the tools offered, or null for none
 * @param toolChoice {@code REQUIRED} or {@code NONE}; null lets the model decide
 * @param strictTools sent only as {@code true}, when a tool asked for strict arguments
 * @param responseFormat {@code {type:"json_object", json_schema?}}, or null for text
 * @param stream sent only as {@code true}: leaving it out is Cohere's documented non-streaming default
 * @param logprobs sent only as {@code true}, when any logprobs were asked for
 */
public record ChatRequestBody(
    String model,
    List<WireMessage> messages,
    List<WireTool> tools,
    @JsonProperty("tool_choice") String toolChoice,
    @JsonProperty("strict_tools") Boolean strictTools,
    @JsonProperty("response_format") WireResponseFormat responseFormat,
    Boolean stream,
    Double temperature,
    @JsonProperty("max_tokens") Integer maxTokens,
    Double p,
    Integer k,
    Long seed,
    @JsonProperty("stop_sequences") List<String> stopSequences,
    Boolean logprobs) {

  /**
   * One message.
   *
   * @param content a string, or a list of {@link WirePart}s when the message carries images; null
   *     for an assistant turn that only calls tools
   * @param toolCalls the calls an assistant turn made
   * @param toolCallId for a {@code tool} message, the call it answers
   */
  public record WireMessage(
      String role,
      Object content,
      @JsonProperty("tool_calls") List<WireToolCall> toolCalls,
      @JsonProperty("tool_call_id") String toolCallId) {

    /** A text message. */
    public WireMessage(String role, String content) {
      this(role, content, null, null);
    }
  }

  /** A content part: {@code {type:"text", text}} or {@code {type:"image_url", image_url:{url}}}. */
  public record WirePart(String type, String text, @JsonProperty("image_url") ImageUrl imageUrl) {
    public static WirePart text(String text) {
      return new WirePart("text", text, null);
    }

    public static WirePart image(String url) {
      return new WirePart("image_url", null, new ImageUrl(url));
    }
  }

  /** @param url an http(s) URL or a base64 {@code data:} URL */
  public record ImageUrl(String url) {}

  /** {@code {type:"function", function:{name, description, parameters}}}. */
  public record WireTool(String type, WireFunction function) {}

  /** @param parameters the JSON Schema text, written as it is (raw) so Cohere sees exactly what the caller wrote */
  public record WireFunction(String name, String description, @JsonRawValue String parameters) {}

  /** @param jsonSchema the JSON Schema text, written raw; null for any JSON object */
  public record WireResponseFormat(String type, @JsonProperty("json_schema") @JsonRawValue String jsonSchema) {}
}
