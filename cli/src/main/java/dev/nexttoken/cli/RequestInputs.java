package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.ImagePart;
import dev.nexttoken.LogitBias;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what the command line names as files or JSON ({@code --tools}, {@code --json-schema},
 * {@code --image}, {@code --logit-bias}, {@code --tool-choice}) into request values, each failure a
 * one-line {@link CliException} that names the option and what is wrong.
 */
final class RequestInputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestInputs() {}

  /** {@code --tools FILE}: a JSON array of {@code {"name", "description"?, "parameters"?, "strict"?}}. */
  static List<Tool> tools(Path file) {
    JsonNode root = readJson(file, "--tools");
    if (!root.isArray()) {
      throw new CliException("--tools " + file + ": expected a JSON array of {\"name\", \"description\", \"parameters\"}");
    }
    List<Tool> tools = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode t = root.get(i);
      String where = "--tools " + file + " [" + i + "]";
      if (!t.isObject() || !t.path("name").isTextual()) {
        throw new CliException(where + ": each tool needs a \"name\" string");
      }
      JsonNode params = t.get("parameters");
      if (params != null && !params.isNull() && !params.isObject()) {
        throw new CliException(where + ": \"parameters\" must be a JSON Schema object");
      }
      JsonNode strict = t.get("strict");
      try {
        tools.add(new Tool(t.get("name").asText(), t.hasNonNull("description") ? t.get("description").asText() : null,
            params == null || params.isNull() ? null : write(params), strict == null || strict.isNull() ? null : strict.asBoolean()));
      } catch (IllegalArgumentException e) {
        throw new CliException(where + ": " + e.getMessage());
      }
    }
    return tools;
  }

  /** {@code --json-schema FILE}: a JSON Schema object, its name taken from a {@code "title"} when it has a usable one. */
  static ResponseFormat schema(Path file, boolean strict) {
    JsonNode root = readJson(file, "--json-schema");
    if (!root.isObject()) {
      throw new CliException("--json-schema " + file + ": expected a JSON Schema object");
    }
    String title = root.path("title").asText("");
    String name = title.matches("[a-zA-Z0-9_-]{1,64}") ? title : null;
    ResponseFormat format = ResponseFormat.jsonSchema(name, write(root));
    return strict ? format.withStrict(true) : format;
  }

  /** {@code --image PATH|URL}: an http(s) or data URL as it is, otherwise a file read as bytes with its media type. */
  static ImagePart image(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("data:")) {
      return ImagePart.url(value);
    }
    Path file = Path.of(value);
    String type = mediaType(lower);
    if (type == null) {
      throw new CliException("--image " + value + ": unknown image type; use a .png, .jpg, .jpeg, .gif or .webp file, or a URL");
    }
    try {
      return ImagePart.bytes(Files.readAllBytes(file), type);
    } catch (IOException e) {
      throw new CliException("--image " + value + ": cannot read the file (" + e.getMessage() + ")");
    }
  }

  private static String mediaType(String name) {
    if (name.endsWith(".png")) {
      return "image/png";
    }
    if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (name.endsWith(".gif")) {
      return "image/gif";
    }
    return name.endsWith(".webp") ? "image/webp" : null;
  }

  /** {@code --logit-bias JSON}: an object whose keys are token ids ({@code "15339"}) or, for llama.cpp, strings. */
  static LogitBias logitBias(String value) {
    JsonNode root;
    try {
      root = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new CliException("--logit-bias: not JSON (" + e.getOriginalMessage() + "); expected {\"TOKEN_ID\": BIAS, ...}");
    }
    if (root == null || !root.isObject() || root.isEmpty()) {
      throw new CliException("--logit-bias: expected a non-empty JSON object {\"TOKEN_ID\": BIAS, ...}");
    }
    Map<Integer, Double> ids = new LinkedHashMap<>();
    Map<String, Double> texts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!e.getValue().isNumber()) {
        throw new CliException("--logit-bias: the bias for \"" + e.getKey() + "\" must be a number");
      }
      if (e.getKey().matches("\\d{1,9}")) {
        ids.put(Integer.parseInt(e.getKey()), e.getValue().asDouble());
      } else {
        texts.put(e.getKey(), e.getValue().asDouble());
      }
    }
    try {
      return new LogitBias(ids, texts);
    } catch (IllegalArgumentException e) {
      throw new CliException("--logit-bias: " + e.getMessage());
    }
  }

  /** {@code --tool-choice auto|none|required|NAME}. */
  static ToolChoice toolChoice(String value) {
    return switch (value) {
      case "auto" -> ToolChoice.AUTO;
      case "none" -> ToolChoice.NONE;
      case "required" -> ToolChoice.REQUIRED;
      default -> ToolChoice.named(value);
    };
  }

  private static JsonNode readJson(Path file, String option) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new CliException(option + " " + file + ": not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new CliException(option + " " + file + ": cannot read the file (" + e.getMessage() + ")");
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
