package dev.nexttoken.error;

import java.util.List;

/** The model's JSON is valid JSON but breaks the schema it was asked to follow; {@link #violations()} lists each breach. */
public class SchemaViolationException extends InvalidModelOutputException {
  private final List<String> violations;

  public SchemaViolationException(String message, String output, List<String> violations) {
    super(message, output, null);
    this.violations = List.copyOf(violations);
  }

  /** One line per breach, each naming the JSON path ({@code $.units: does not have a value in the enumeration [c, f]}). */
  public List<String> violations() {
    return violations;
  }
}
