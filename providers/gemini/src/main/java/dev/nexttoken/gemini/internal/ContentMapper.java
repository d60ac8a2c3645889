package dev.nexttoken.gemini.internal;

import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.Message;
import dev.nexttoken.ToolCall;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.InvalidModelOutputException;
import dev.nexttoken.error.RequestValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A neutral conversation to Gemini's {@code contents} and {@code systemInstruction}.
 *
 * <ul>
 *   <li>Gemini has two roles, {@code user} and {@code model} (the assistant), and takes instructions
 *       apart: system and developer messages, wherever they stand, become the parts of
 *       {@code systemInstruction} in order (Gemini rejects a {@code system} role inside
 *       {@code contents}). Every content carries its role, which Vertex AI requires.
 *   <li>Images: bytes (and {@code data:} URLs) go inline as {@code inlineData {mimeType, data}};
 *       other URLs as {@code fileData {fileUri, mimeType}}, the media type taken from the URL's
 *       extension when it is an image one ({@code .png}, {@code .jpg}, ...) and left out otherwise.
 *   <li>An assistant turn's tool calls follow its text as {@code functionCall {id, name, args}}
 *       parts. {@code args} is an object on Gemini's wire, so each call's arguments must be one
 *       JSON object (or empty, for none); anything else is refused before sending. A call's
 *       {@code thoughtSignature} ({@link GeminiWire#THOUGHT_SIGNATURE} in its provider data) goes
 *       back beside it on the same part, unchanged.
 *   <li>Tool results become {@code functionResponse {id, name, response}} parts of a {@code user}
 *       turn, consecutive results in one turn (the answers to one turn's parallel calls). Gemini
 *       matches a result by the function's name: a result that gives only the call id takes the
 *       name of the earlier call with that id. The result text is sent as the response object when
 *       it is one JSON object, otherwise as {@code {"output": text}}, the key Gemini reads as the
 *       function's output.
 * </ul>
 */
final class ContentMapper {
  static final String USER = "user";
  static final String MODEL = "model";

  /** What the conversation becomes; {@code systemInstruction} is null without instructions. */
  record Conversation(List<GenerateRequestBody.Content> contents, GenerateRequestBody.Content systemInstruction) {}

  private final List<GenerateRequestBody.Content> contents = new ArrayList<>();
  private final List<GenerateRequestBody.Part> instructions = new ArrayList<>();
  /** The names of the calls made so far, by id: what a result that quotes only the id answers. */
  private final Map<String, String> callNames = new HashMap<>();
  private List<GenerateRequestBody.Part> results;

  private ContentMapper() {}

  /**
   * @throws RequestValidationException for tool-call arguments that are not one JSON object, a tool
   *     result whose function cannot be named, or a {@code data:} URL that is not base64
   */
  static Conversation map(List<Message> messages) {
    ContentMapper mapper = new ContentMapper();
    for (int i = 0; i < messages.size(); i++) {
      mapper.add(messages.get(i), i);
    }
    mapper.flushResults();
    return new Conversation(mapper.contents,
        mapper.instructions.isEmpty() ? null : new GenerateRequestBody.Content(null, mapper.instructions));
  }

  private void add(Message m, int index) {
    if (m.role() != dev.nexttoken.Role.TOOL) {
      flushResults();
    }
    switch (m.role()) {
      case SYSTEM, DEVELOPER -> instructions.addAll(parts(m, index));
      case USER -> contents.add(new GenerateRequestBody.Content(USER, parts(m, index)));
      case ASSISTANT -> {
        List<GenerateRequestBody.Part> parts = parts(m, index);
        for (ToolCall call : m.toolCalls()) {
          parts.add(GenerateRequestBody.Part.call(new GenerateRequestBody.FunctionCall(call.id(), call.name(), arguments(call, index)),
              call.providerData().get(GeminiWire.THOUGHT_SIGNATURE)));
          if (call.id() != null) {
            callNames.put(call.id(), call.name());
          }
        }
        contents.add(new GenerateRequestBody.Content(MODEL, parts));
      }
      case TOOL -> {
        results = results == null ? new ArrayList<>() : results;
        results.add(GenerateRequestBody.Part.response(
            new GenerateRequestBody.FunctionResponse(m.toolCallId(), functionName(m, index), JsonObjects.asResponse(m.content()))));
      }
    }
  }

  private void flushResults() {
    if (results != null) {
      contents.add(new GenerateRequestBody.Content(USER, results));
      results = null;
    }
  }

  private static List<GenerateRequestBody.Part> parts(Message m, int index) {
    List<GenerateRequestBody.Part> parts = new ArrayList<>(m.parts().size());
    for (ContentPart p : m.parts()) {
      if (p instanceof ContentPart.Text t) {
        parts.add(GenerateRequestBody.Part.text(t.text()));
      } else if (p instanceof ImagePart image) {
        parts.add(image(image, index));
      }
    }
    return parts;
  }

  private static GenerateRequestBody.Part image(ImagePart image, int index) {
    if (image.url() == null) {
      return GenerateRequestBody.Part.inline(image.mediaType(), image.base64());
    }
    String url = image.url();
    if (!url.regionMatches(true, 0, "data:", 0, 5)) {
      return GenerateRequestBody.Part.file(url, mediaTypeOf(url));
    }
    // data:[<media type>][;params];base64,<data> — Gemini fetches no data: URLs, so the bytes go inline.
    int comma = url.indexOf(',');
    String meta = comma < 0 ? "" : url.substring(5, comma);
    String mediaType = meta.contains(";") ? meta.substring(0, meta.indexOf(';')) : meta;
    if (comma < 0 || !meta.toLowerCase(Locale.ROOT).endsWith(";base64") || mediaType.isEmpty()) {
      throw refused("the data: URL of the image in message " + index
          + " must read data:<media type>;base64,<data> (Gemini takes inline images as base64 with their media type)", "image");
    }
    return GenerateRequestBody.Part.inline(mediaType, url.substring(comma + 1));
  }

  /** The image media type a URL's path ends in, or null (the part is then sent without one). */
  static String mediaTypeOf(String url) {
    String path = url;
    for (char end : new char[] {'?', '#'}) {
      int at = path.indexOf(end);
      path = at < 0 ? path : path.substring(0, at);
    }
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    return switch (extension) {
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      case "webp" -> "image/webp";
      case "gif" -> "image/gif";
      case "heic" -> "image/heic";
      case "heif" -> "image/heif";
      default -> null;
    };
  }

  /** The call's arguments as a JSON object's text: as given, {@code {}} for none. */
  private static String arguments(ToolCall call, int index) {
    if (call.arguments().isBlank()) {
      return "{}";
    }
    Object parsed;
    try {
      parsed = call.parsedArguments();
    } catch (InvalidModelOutputException e) {
      throw refused("message " + index + ": " + e.getMessage() + "; Gemini takes a call's arguments as a JSON object", "messages");
    }
    if (!(parsed instanceof Map)) {
      throw refused("message " + index + ": the arguments of tool call " + call.name()
          + " must be a JSON object (Gemini's functionCall.args), was " + (parsed instanceof List ? "an array" : "a single value"), "messages");
    }
    return call.arguments();
  }

  private String functionName(Message m, int index) {
    if (m.toolName() != null) {
      return m.toolName();
    }
    String name = callNames.get(m.toolCallId());
    if (name == null) {
      throw refused("message " + index + ": the tool result for call " + m.toolCallId() + " needs the tool's name (Gemini matches"
          + " results by name), and no earlier assistant turn made a call with that id; use Message.toolResult(call, result)", "messages");
    }
    return name;
  }

  private static RequestValidationException refused(String message, String field) {
    return new RequestValidationException(GeminiWire.PROVIDER + ": " + message, field, ErrorDetails.of(GeminiWire.PROVIDER));
  }
}
