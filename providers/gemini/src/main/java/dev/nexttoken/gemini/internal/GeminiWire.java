package dev.nexttoken.gemini.internal;

/** Names of Gemini's wire format shared by the mappers and the model. */
public final class GeminiWire {
  /** The provider name in capabilities, messages and exceptions. */
  public static final String PROVIDER = "gemini";

  /**
   * The {@link dev.nexttoken.ToolCall#providerData()} key of the {@code thoughtSignature} a thinking
   * model puts on a {@code functionCall} part: opaque base64, read from the answer and sent back on
   * the same part, as Gemini 3 requires of the calls in a conversation.
   */
  public static final String THOUGHT_SIGNATURE = "thoughtSignature";

  private GeminiWire() {}

  /** {@code models/{model}:generateContent}, relative to the base URL. */
  public static String generatePath(String model) {
    return resource(model) + ":generateContent";
  }

  /** {@code models/{model}:streamGenerateContent?alt=sse}: without {@code alt=sse} Gemini streams one JSON array instead. */
  public static String streamPath(String model) {
    return resource(model) + ":streamGenerateContent?alt=sse";
  }

  /** A bare name gets the {@code models/} prefix; {@code models/…} and {@code tunedModels/…} are used as given. */
  static String resource(String model) {
    return model.startsWith("models/") || model.startsWith("tunedModels/") ? model : "models/" + model;
  }
}
