package dev.nexttoken.cli;

import dev.nexttoken.spi.Environment;

/** Whether to colour output: only on a terminal, and never with {@code --no-color} or {@code NO_COLOR}. */
final class Terminal {
  private Terminal() {}

  static boolean useColor(GlobalOptions global, Environment environment) {
    return !global.noColor && environment.get(null, "NO_COLOR") == null && System.console() != null;
  }
}
