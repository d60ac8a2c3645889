package dev.nexttoken.cli;

import dev.nexttoken.Environment;

/** Whether to colour output: only on a terminal, and never with {@code --no-color} or {@code NO_COLOR}. */
final class Terminal {
  private Terminal() {}

  static boolean useColor(GlobalOptions global, Environment environment) {
    // System.console() is null when stdin or stdout is redirected, e.g. piped into a file or less.
    return useColor(global.noColor, environment, System.console() != null);
  }

  /** The rule itself; {@code NO_COLOR} counts when set to anything non-empty (no-color.org). */
  static boolean useColor(boolean noColorFlag, Environment environment, boolean stdoutIsTerminal) {
    return stdoutIsTerminal && !noColorFlag && environment.get(null, "NO_COLOR") == null;
  }
}
