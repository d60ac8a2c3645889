package dev.nexttoken.gemini.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.nexttoken.spi.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Gemini carries JSON objects where the neutral API holds text ({@code functionCall.args},
 * {@code functionResponse.response}): the conversions both ways, in one place.
 */
final class JsonObjects {
  /** Strict: {@code {"a":1} trailing} is not one object, and sent raw it would break the body. */
  private static final ObjectReader STRICT = Json.mapper().readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonObjects() {}

  /** A tool's result as {@code functionResponse.response}: the text itself when it is one JSON object, else {@code {"output": text}}. */
  static String asResponse(String result) {
    if (isObject(result)) {
      return result;
    }
    return new String(Json.write(Map.of("output", result)), StandardCharsets.UTF_8);
  }

  private static boolean isObject(String text) {
    try {
      JsonNode node = STRICT.readValue(text);
      return node != null && node.isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * {@code args} as compact JSON text, keys in the order received ({@code {}} when absent, as proto3
   * leaves out an empty object). Normalised, not byte for byte what the server wrote: Gemini sends
   * an object, not text, so whitespace and number spelling are Jackson's ({@code 2.50} reads 2.5).
   */
  static String text(JsonNode args) {
    if (args == null || args.isNull() || args.isMissingNode()) {
      return "{}";
    }
    try {
      return Json.mapper().writeValueAsString(args);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a parsed JSON tree", e);
    }
  }
}
