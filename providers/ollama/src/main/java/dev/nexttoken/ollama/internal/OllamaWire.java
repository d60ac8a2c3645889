package dev.nexttoken.ollama.internal;

/** Names of Ollama's native API shared by the mappers and the model. */
public final class OllamaWire {
  /** The provider name in capabilities, messages and exceptions. */
  public static final String PROVIDER = "ollama";

  /** Chat, relative to the server root. */
  public static final String CHAT_PATH = "api/chat";

  /** Raw-prompt generation, relative to the server root. */
  public static final String GENERATE_PATH = "api/generate";

  /** {@code {"version":"0.12.11"}}, relative to the server root. */
  public static final String VERSION_PATH = "api/version";

  /** The first release that answers {@code logprobs} (PR #12899) with {@code bytes} (PR #13068). */
  public static final String LOGPROBS_SINCE = "0.12.11";

  private OllamaWire() {}
}
