package dev.nexttoken.cohere.internal;

/** Names of Cohere's wire format shared by the mappers. */
public final class CohereWire {
  /** The provider name in capabilities, messages and exceptions. */
  public static final String PROVIDER = "cohere";

  /** The chat route, relative to the API root. */
  public static final String CHAT_PATH = "v2/chat";

  /** The route that turns token ids back into text, relative to the API root. */
  public static final String DETOKENIZE_PATH = "v1/detokenize";

  private CohereWire() {}
}
