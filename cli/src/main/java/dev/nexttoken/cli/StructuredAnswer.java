package dev.nexttoken.cli;

import dev.nexttoken.Completion;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.error.InvalidModelOutputException;
import dev.nexttoken.error.SchemaViolationException;
import dev.nexttoken.logprob.FieldConfidence;
import java.util.List;

/**
 * A JSON answer read for printing: the parsed value, the schema's verdict, and each field's
 * confidence. A model that wrote invalid JSON, or JSON that breaks the schema, is reported in the
 * document (and on stderr) rather than failing the command: the answer itself is still shown.
 *
 * @param json the parsed answer, or null when it is not JSON
 * @param error why the answer is not JSON, or null
 * @param violations the schema's breaches (empty when it validates), or null when not JSON
 * @param fields every leaf with its confidence, or null when not JSON
 * @param fieldsError why no confidence could be worked out (logprobs that do not spell the text), or null
 */
record StructuredAnswer(Object json, String error, List<String> violations, List<FieldConfidence> fields, String fieldsError) {

  static StructuredAnswer of(Completion completion, ResponseFormat format) {
    Object json;
    List<String> violations = List.of();
    try {
      json = completion.validatedJson(format); // parses once when the answer keeps to the schema
    } catch (SchemaViolationException e) {
      violations = e.violations();
      json = completion.json();
    } catch (InvalidModelOutputException e) {
      return new StructuredAnswer(null, e.getMessage(), null, null, null);
    }
    try {
      return new StructuredAnswer(json, null, violations, completion.fieldConfidences(), null);
    } catch (IllegalArgumentException e) {
      return new StructuredAnswer(json, null, violations, FieldConfidence.of(completion.text(), null), e.getMessage());
    }
  }

  /** One line for stderr when something about the answer is wrong, else null. */
  String warning() {
    if (error != null) {
      return "warning: " + error;
    }
    if (!violations.isEmpty()) {
      return "warning: the answer breaks the schema: " + String.join("; ", violations);
    }
    return fieldsError == null ? null : "warning: no field confidence: " + fieldsError;
  }
}
