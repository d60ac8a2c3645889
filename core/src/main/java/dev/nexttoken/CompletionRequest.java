package dev.nexttoken;

import java.util.Objects;

/**
 * A text-completion request: continue {@code prompt}.
 *
 * @param prompt the text to continue; may be empty, not null
 * @param options sampling and reporting settings (unset fields fall back to the client's defaults)
 * @param echoPrompt also return the prompt's own token logprobs, where the provider can (OpenAI legacy {@code echo})
 */
public record CompletionRequest(String prompt, GenerationOptions options, boolean echoPrompt) {
  public CompletionRequest {
    Objects.requireNonNull(prompt, "prompt");
    options = options == null ? GenerationOptions.EMPTY : options;
  }

  public static CompletionRequest of(String prompt) {
    return new CompletionRequest(prompt, GenerationOptions.EMPTY, false);
  }

  public static Builder builder(String prompt) {
    return new Builder(prompt);
  }

  /** This request with each unset option taken from {@code defaults}. */
  public CompletionRequest withDefaults(GenerationOptions defaults) {
    return new CompletionRequest(prompt, options.withDefaults(defaults), echoPrompt);
  }

  /** Builds a {@link CompletionRequest}. */
  public static final class Builder extends OptionsBuilder<Builder> {
    private final String prompt;
    private boolean echoPrompt;

    Builder(String prompt) {
      this.prompt = prompt;
    }

    public Builder echoPrompt(boolean value) {
      echoPrompt = value;
      return this;
    }

    public CompletionRequest build() {
      return new CompletionRequest(prompt, options(), echoPrompt);
    }
  }
}
