package dev.nexttoken.gemini.internal;

import dev.nexttoken.ReasoningEffort;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Gemini model's generation accepts, told by its name: the one place the SDK classifies
 * models, so capabilities, the request's thinking settings and the provider's own refusals agree.
 *
 * <ul>
 *   <li>{@link #THINKING_LEVELS}, Gemini 3 and later: thinking set by {@code thinkingLevel}; one
 *       candidate per request ({@code candidateCount > 1} is refused with "Multiple candidates is
 *       not enabled for this model", googleapis/js-genai #1609); a JSON answer together with tools.
 *   <li>{@link #THINKING_BUDGET}, Gemini 2.5: thinking set by {@code thinkingBudget} (2.5 Pro takes
 *       128–32,768 tokens, Flash 0–24,576, Flash-Lite 0 or 512–24,576); up to 8 candidates; a JSON
 *       answer with tools is refused ("Function calling with a response mime type: 'application/json'
 *       is unsupported", googleapis/python-genai #867); the Gemini API refuses logprobs.
 *   <li>{@link #CLASSIC}, everything else (2.0, 1.5, tuned models, names this SDK does not know): no
 *       thinking setting (Gemini rejects {@code thinkingConfig} there), up to 8 candidates, no JSON
 *       answer with tools. An unknown name is treated as the oldest kind, so nothing is sent that
 *       such a model rejects; the newer options are then refused before sending.
 * </ul>
 */
public enum GeminiFamily {
  THINKING_LEVELS(1, true),
  THINKING_BUDGET(8, false),
  CLASSIC(8, false);

  private static final Pattern VERSION = Pattern.compile("gemini-(\\d+)(?:\\.(\\d+))?(?:[^\\d].*)?");

  /** Gemini's documented {@code candidateCount} range is 1–8 where more than one is allowed at all. */
  private final int maxCandidates;
  private final boolean jsonWithTools;

  GeminiFamily(int maxCandidates, boolean jsonWithTools) {
    this.maxCandidates = maxCandidates;
    this.jsonWithTools = jsonWithTools;
  }

  /** The family of {@code model} ({@code gemini-2.5-flash}, {@code models/gemini-3-pro-preview}, ...); null is {@link #CLASSIC}. */
  public static GeminiFamily of(String model) {
    if (model == null) {
      return CLASSIC;
    }
    String name = model.toLowerCase(Locale.ROOT);
    name = name.startsWith("models/") ? name.substring("models/".length()) : name;
    Matcher m = VERSION.matcher(name);
    if (!m.matches()) {
      return CLASSIC;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    if (major >= 3) {
      return THINKING_LEVELS;
    }
    return major == 2 && minor == 5 ? THINKING_BUDGET : CLASSIC;
  }

  /** The most candidates one request may ask for. */
  public int maxCandidates() {
    return maxCandidates;
  }

  /** Whether the model thinks and takes a {@code thinkingConfig}. */
  public boolean thinks() {
    return this != CLASSIC;
  }

  /** Whether a JSON answer ({@code responseMimeType: application/json}) may go with function declarations. */
  public boolean jsonWithTools() {
    return jsonWithTools;
  }

  /**
   * The {@code thinkingConfig} for {@code effort}, thought summaries included (they become the
   * answer's reasoning). Gemini 3 takes the effort's name as {@code thinkingLevel} (Gemini 3 Pro
   * knows only {@code low} and {@code high} and refuses the others itself). Gemini 2.5 takes a
   * token budget: low, medium and high are the budgets Google's OpenAI-compatible endpoint maps
   * {@code reasoning_effort} to (1,024, 8,192, 24,576), minimal is 512, the smallest budget every
   * 2.5 model accepts (2.5 Pro cannot turn thinking off).
   *
   * @throws IllegalStateException for {@link #CLASSIC}, whose capabilities declare no reasoning effort
   */
  public GenerateRequestBody.ThinkingConfig thinking(ReasoningEffort effort) {
    return switch (this) {
      case THINKING_LEVELS -> new GenerateRequestBody.ThinkingConfig(true, null, effort.wireName());
      case THINKING_BUDGET -> new GenerateRequestBody.ThinkingConfig(true, switch (effort) {
        case MINIMAL -> 512;
        case LOW -> 1024;
        case MEDIUM -> 8192;
        case HIGH -> 24576;
      }, null);
      case CLASSIC -> throw new IllegalStateException("a model without thinking has no reasoning effort");
    };
  }
}
