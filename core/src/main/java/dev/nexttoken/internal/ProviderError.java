package dev.nexttoken.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error body as providers send it, read leniently from any of their shapes.
 *
 * <p>OpenAI: {@code {"error":{"message","type","param","code"}}} with a string or null code;
 * llama.cpp: the same with an integer code; Cohere: {@code {"id","message"}}; Google (Gemini,
 * Vertex AI): {@code {"error":{"code":<the HTTP status>,"message","status":"INVALID_ARGUMENT","details"}}},
 * whose canonical {@code status} is the code kept here, and which Vertex may wrap in a one-element
 * array; proxies: anything, including HTML. Whatever is missing is null.
 *
 * @param type the provider's error type, or null
 * @param code the provider's error code as text, or null
 * @param message the provider's message, or null
 * @param id an id the body carries (Cohere's error id), or null
 */
public record ProviderError(String type, String code, String message, String id) {
  public static final ProviderError EMPTY = new ProviderError(null, null, null, null);

  /**
   * Reads an error from a response body; never fails.
   *
   * @param root the body parsed as JSON, or null when it is not JSON
   */
  public static ProviderError parse(byte[] body, JsonNode root) {
    if (root != null && root.isArray() && root.size() == 1 && root.get(0).isObject()) {
      root = root.get(0); // Vertex AI: [{"error": {...}}]
    }
    if (root == null || !root.isObject()) {
      return body == null || body.length == 0 ? EMPTY : new ProviderError(null, null, excerpt(body), null);
    }
    return fromJson(root);
  }

  /** Reads an error from a JSON object ({@code {"error":{...}}}, {@code {"message":...}}, ...). */
  public static ProviderError fromJson(JsonNode root) {
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      JsonNode status = error.get("status");
      // Google's integer code repeats the HTTP status; its status names the error.
      String code = status != null && status.isTextual() ? status.asText() : text(error.get("code"));
      return new ProviderError(text(error.get("type")), code, text(error.get("message")), text(root.get("id")));
    }
    if (error != null && error.isTextual()) {
      return new ProviderError(null, null, error.asText(), text(root.get("id")));
    }
    return new ProviderError(text(root.get("type")), text(root.get("code")), text(root.get("message")), text(root.get("id")));
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }

  /** The start of a non-JSON body (an HTML page from a proxy), on one line, for the message. */
  private static String excerpt(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
    text = text.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    return text.isEmpty() ? null : "non-JSON body: " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
  }
}
