package dev.nexttoken.cohere.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a Cohere chat model can take beyond text, judged by its name, from Cohere's model pages
 * ({@code fern/pages/models/...} of cohere-developer-experience). Names Cohere has not documented
 * (fine-tunes, models released later) are taken to be current Command models: the API, not this
 * table, then has the last word.
 */
public enum ModelFamily {
  /** {@code command}, {@code command-light} and their nightlies: retired, plain text only. */
  LEGACY(false, false, false, false),
  /** Command R and R+ (03/04-2024, 08-2024, and the bare aliases): tools and JSON schemas, but no {@code tool_choice}. */
  COMMAND_R(true, false, true, false),
  /** Command A Vision, Aya Vision: images; no tools (Cohere: "tool use isn't supported with this model"). */
  VISION(false, false, false, true),
  /** Aya Expanse, Tiny Aya: multilingual text; Cohere documents neither tools nor structured output for them. */
  AYA(false, false, false, false),
  /** Command A+ and North Mini Code: tools, {@code tool_choice}, JSON schemas and images. */
  MULTIMODAL(true, true, true, true),
  /** Command A, A Reasoning, R7B and every other name: tools, {@code tool_choice} and JSON schemas. */
  CURRENT(true, true, true, false);

  private static final Pattern COMMAND_R_NAME = Pattern.compile("command-r(-plus)?(-\\d{2}-\\d{4})?");

  private final boolean tools;
  private final boolean toolChoice;
  private final boolean structuredOutput;
  private final boolean images;

  ModelFamily(boolean tools, boolean toolChoice, boolean structuredOutput, boolean images) {
    this.tools = tools;
    this.toolChoice = toolChoice;
    this.structuredOutput = structuredOutput;
    this.images = images;
  }

  /** Whether tools can be offered. */
  public boolean tools() {
    return tools;
  }

  /** Whether {@code tool_choice} exists for the model (wire-formats-2 §5.2: "Command R7B and newer"). */
  public boolean toolChoice() {
    return toolChoice;
  }

  /** Whether {@code response_format}, with or without a JSON schema, exists for the model. */
  public boolean structuredOutput() {
    return structuredOutput;
  }

  /** Whether the model takes {@code image_url} parts (an http(s) URL or a base64 data URL). */
  public boolean images() {
    return images;
  }

  /** The family of {@code model}; null (no model named) is the current family. */
  public static ModelFamily of(String model) {
    if (model == null) {
      return CURRENT;
    }
    String name = model.toLowerCase(Locale.ROOT);
    return switch (name) {
      case "command", "command-light", "command-nightly", "command-light-nightly" -> LEGACY;
      default -> {
        if (COMMAND_R_NAME.matcher(name).matches()) {
          yield COMMAND_R;
        }
        if (name.startsWith("command-a-vision") || name.startsWith("c4ai-aya-vision")) {
          yield VISION;
        }
        if (name.startsWith("c4ai-aya") || name.startsWith("tiny-aya")) {
          yield AYA;
        }
        if (name.startsWith("command-a-plus") || name.startsWith("north-mini-code")) {
          yield MULTIMODAL;
        }
        yield CURRENT;
      }
    };
  }
}
