package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Colour only on a terminal, and never with {@code --no-color} or {@code NO_COLOR}. */
class TerminalTest {
  private static final Environment PLAIN = Environment.of(Map.of(), Map.of());

  @Test
  void colourOnATerminal() {
    assertTrue(Terminal.useColor(false, PLAIN, true));
  }

  @Test
  void noColourWhenStdoutIsNotATerminal() {
    assertFalse(Terminal.useColor(false, PLAIN, false));
  }

  @Test
  void noColourWithTheFlag() {
    assertFalse(Terminal.useColor(true, PLAIN, true));
  }

  @Test
  void noColourWithNoColorSetToAnything() {
    assertFalse(Terminal.useColor(false, Environment.of(Map.of(), Map.of("NO_COLOR", "1")), true));
    assertTrue(Terminal.useColor(false, Environment.of(Map.of(), Map.of("NO_COLOR", "")), true), "empty means unset (no-color.org)");
  }
}
