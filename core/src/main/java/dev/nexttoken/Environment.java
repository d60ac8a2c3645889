package dev.nexttoken;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where {@code fromEnv()} reads configuration: a system property beats an environment variable.
 * Read only when the caller asks for {@code fromEnv()}, never inside {@code build()}.
 */
public final class Environment {
  private final UnaryOperator<String> properties;
  private final UnaryOperator<String> variables;

  private Environment(UnaryOperator<String> properties, UnaryOperator<String> variables) {
    this.properties = properties;
    this.variables = variables;
  }

  /** The JVM's system properties and the process environment. */
  public static Environment system() {
    return new Environment(System::getProperty, System::getenv);
  }

  /** Fixed values, for tests. */
  public static Environment of(Map<String, String> properties, Map<String, String> variables) {
    return new Environment(properties::get, variables::get);
  }

  /** The system property {@code property} if set and not blank, else the variable {@code variable}, else null. */
  public String get(String property, String variable) {
    String value = property == null ? null : properties.apply(property);
    if (value == null || value.isBlank()) {
      value = variable == null ? null : variables.apply(variable);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }
}
