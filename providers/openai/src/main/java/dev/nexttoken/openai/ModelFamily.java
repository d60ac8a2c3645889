package dev.nexttoken.openai;

import dev.nexttoken.Capabilities;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How OpenAI treats a model, judged by its name (a fine-tune's by its base model's): the one
 * classification both routes' per-model capabilities start from.
 */
enum ModelFamily {
  /** A legacy completion model ({@link OpenAiCapabilities#COMPLETION_MODELS}): {@code /v1/completions} only. */
  LEGACY_COMPLETION,
  /** A reasoning model ({@link OpenAiCapabilities#REASONING}): refuses logprobs. */
  REASONING,
  /** Every other model: chat with logprobs. */
  CHAT;

  static ModelFamily of(String model) {
    String base = baseName(model);
    if (OpenAiCapabilities.COMPLETION_MODELS.stream().anyMatch(base::startsWith)) {
      return LEGACY_COMPLETION;
    }
    return OpenAiCapabilities.REASONING.matcher(base).matches() ? REASONING : CHAT;
  }

  /**
   * The name a model's features go by: a fine-tune ({@code ft:gpt-4o-mini-2024-07-18:acme::abc}, or
   * {@code ft:gpt-3.5-turbo:acme:suffix:id} with no dash after the base) is its base model.
   */
  static String baseName(String model) {
    if (!model.startsWith("ft:")) {
      return model;
    }
    int end = model.indexOf(':', 3);
    return end < 0 ? model.substring(3) : model.substring(3, end);
  }

  /**
   * Per-model capabilities computed once per name: they are asked for on every request (validation
   * runs before each call), and building them each time cost a regex match, a builder and a few
   * message strings a call. Bounded, because model names come from callers; past the bound a name is
   * computed each time, as before.
   */
  static final class PerModel {
    private static final int MAX_NAMES = 256;

    private final Map<String, Capabilities> known = new ConcurrentHashMap<>();
    private final Function<String, Capabilities> compute;

    PerModel(Function<String, Capabilities> compute) {
      this.compute = compute;
    }

    Capabilities of(String model) {
      Capabilities capabilities = known.get(model);
      if (capabilities == null) {
        capabilities = compute.apply(model);
        if (known.size() < MAX_NAMES) {
          known.putIfAbsent(model, capabilities);
        }
      }
      return capabilities;
    }
  }
}
