package dev.nexttoken.eval;

/**
 * A target as typed on the command line: {@code PROVIDER[:MODEL][@BASE_URL]}, e.g. {@code llamacpp},
 * {@code openai:gpt-4o-mini}, {@code vllm:qwen@http://gpu-box:8000/v1}. The model is everything
 * between the first {@code :} and the first {@code @} (so {@code ollama:llama3:8b} names
 * {@code llama3:8b}); the base URL everything after that {@code @}.
 *
 * @param provider the provider's name, as typed
 * @param model the model, or null for the provider's default
 * @param baseUrl the base URL, or null for the provider's default
 */
public record TargetSpec(String provider, String model, String baseUrl) {
  public TargetSpec {
    if (provider == null || provider.isBlank()) {
      throw new EvalInputException("a target needs a provider: PROVIDER[:MODEL][@BASE_URL]");
    }
  }

  /** Reads {@code PROVIDER[:MODEL][@BASE_URL]}. */
  public static TargetSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new EvalInputException("empty --target; expected PROVIDER[:MODEL][@BASE_URL], e.g. openai:gpt-4o-mini");
    }
    String rest = text.strip();
    String baseUrl = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      baseUrl = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
        throw new EvalInputException("target \"" + text + "\": the base URL after @ must start with http:// or https://, was \"" + baseUrl + "\"");
      }
    }
    String model = null;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      model = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (model.isBlank()) {
        throw new EvalInputException("target \"" + text + "\": nothing after ':'; expected PROVIDER:MODEL");
      }
    }
    if (rest.isBlank()) {
      throw new EvalInputException("target \"" + text + "\" names no provider; expected PROVIDER[:MODEL][@BASE_URL]");
    }
    return new TargetSpec(rest, model, baseUrl);
  }

  /** The target's name in results and reports: as typed, without the base URL's credentials if any. */
  public String label() {
    return provider + (model == null ? "" : ":" + model) + (baseUrl == null ? "" : "@" + withoutUserInfo(baseUrl));
  }

  private static String withoutUserInfo(String url) {
    int scheme = url.indexOf("://");
    int at = url.indexOf('@', scheme + 3);
    int slash = url.indexOf('/', scheme + 3);
    return at > 0 && (slash < 0 || at < slash) ? url.substring(0, scheme + 3) + url.substring(at + 1) : url;
  }
}
