package dev.nexttoken.openai.internal;

import dev.nexttoken.wire.openai.Responses;
import java.util.List;

/** The choice a legacy {@code /v1/completions} answer or chunk is read from. */
final class CompletionChoices {
  static final String PROVIDER = "openai";

  private CompletionChoices() {}

  /**
   * The choice with index 0 (the answer itself; with {@code n > 1} the others follow it), else the
   * first (in a stream, the one choice an event names), or null when there is none, as in the usage
   * chunk ({@code choices: []}).
   */
  static CompletionResponse.Choice first(List<CompletionResponse.Choice> choices) {
    if (choices == null || choices.isEmpty()) {
      return null;
    }
    for (CompletionResponse.Choice choice : choices) {
      if (choice.index() == 0) {
        return choice;
      }
    }
    return choices.get(0);
  }

  /** {@link #first}, or a malformed-response error naming {@code provider} when there is none. */
  static CompletionResponse.Choice required(CompletionResponse response, String provider) {
    return Responses.required(first(response.choices()), provider, "an OpenAI completion");
  }
}
