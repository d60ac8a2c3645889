package dev.nexttoken;

import java.util.Objects;

/**
 * Whether the model may, must or must not call a tool, or which one it must call.
 *
 * @param mode the rule
 * @param toolName the tool to call when {@code mode} is {@link Mode#NAMED}, else null
 */
public record ToolChoice(Mode mode, String toolName) {
  /** The model decides (the providers' default when tools are given). */
  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  /** The model must answer in text. */
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  /** The model must call at least one tool. */
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  public enum Mode {
    AUTO,
    NONE,
    REQUIRED,
    NAMED
  }

  public ToolChoice {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.NAMED) != (toolName != null)) {
      throw new IllegalArgumentException("a tool name goes with mode NAMED and only with it");
    }
  }

  /** The model must call the tool {@code name}. */
  public static ToolChoice named(String name) {
    return new ToolChoice(Mode.NAMED, Objects.requireNonNull(name, "name"));
  }
}
