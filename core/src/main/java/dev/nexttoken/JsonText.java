package dev.nexttoken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nexttoken.error.InvalidModelOutputException;

/**
 * JSON text the API holds as text (schemas, tool arguments, structured answers): checked and
 * parsed here, so that every place that reads one reports bad JSON the same way.
 */
final class JsonText {
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private JsonText() {}

  /** @throws IllegalArgumentException when {@code text} (a caller's input) is not one JSON object */
  static void requireObject(String text, String what) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage()
          + " at character " + (e.getLocation() == null ? "?" : e.getLocation().getCharOffset()), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object, was " + (node == null ? "empty" : node.getNodeType()));
    }
  }

  /** Parses model output into plain Java values (Map, List, String, Number, Boolean, null). */
  static Object parse(String text, String what) {
    return MAPPER.convertValue(tree(text, what), Object.class);
  }

  /** Parses model output into a tree. */
  static JsonNode tree(String text, String what) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new InvalidModelOutputException(what + " is empty, not JSON", text, null);
      }
      return node;
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
      throw new InvalidModelOutputException(what + " is not valid JSON: " + e.getOriginalMessage()
          + (at >= 0 ? " at character " + at : ""), text, e);
    }
  }
}
