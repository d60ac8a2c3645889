package dev.nexttoken;

import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A call the model asked for: which tool, with what arguments.
 *
 * <p>{@code arguments} is the JSON text exactly as the provider sent it (joined across stream
 * deltas), because OpenAI-style APIs send a string that may be invalid JSON unless strict mode is
 * on. Gemini and Ollama send an object; their adapters write it out as compact JSON text, so every
 * provider's calls read the same way. Parse with {@link #parsedArguments()}.
 *
 * @param id the provider's call id, to quote in the tool result; null when the provider gave none
 *     (Gemini before ids, Ollama before 0.12.10)
 * @param name the tool's name
 * @param arguments the arguments as JSON text, {@code ""} when the provider sent none
 * @param argumentLogprobs the logprobs of the tokens the arguments came in, where a provider can
 *     attribute them to the call; null otherwise (no adapter can yet: Ollama 0.13.3 and later reports
 *     those tokens, but in the answer's one sequence, which stays in {@link Completion#logprobs()})
 * @param providerData what the provider needs to see again when the call is sent back in the
 *     conversation and that has no neutral meaning (Gemini 3's {@code thoughtSignature}); empty when
 *     none. {@link Message#assistant(Completion)} keeps it; callers need not look at it.
 */
public record ToolCall(String id, String name, String arguments, List<TokenLogprob> argumentLogprobs,
    Map<String, String> providerData) {
  public ToolCall {
    Objects.requireNonNull(name, "name");
    arguments = arguments == null ? "" : arguments;
    argumentLogprobs = argumentLogprobs == null ? null : List.copyOf(argumentLogprobs);
    providerData = providerData == null ? Map.of() : Map.copyOf(providerData);
  }

  public ToolCall(String id, String name, String arguments, List<TokenLogprob> argumentLogprobs) {
    this(id, name, arguments, argumentLogprobs, Map.of());
  }

  public ToolCall(String id, String name, String arguments) {
    this(id, name, arguments, null, Map.of());
  }

  /**
   * The arguments parsed: a {@code Map<String, Object>} for an object (the usual case), with
   * {@code List}, {@code String}, {@code Number}, {@code Boolean} and null inside; an empty map for
   * no arguments ({@code ""}).
   *
   * @throws dev.nexttoken.error.InvalidModelOutputException when the model wrote invalid JSON,
   *     naming the tool and where the JSON breaks
   */
  public Object parsedArguments() {
    if (arguments.isBlank()) {
      return java.util.Map.of();
    }
    return JsonText.parse(arguments, "the arguments of tool call " + name + (id == null ? "" : " (" + id + ")"));
  }
}
