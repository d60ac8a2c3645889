package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.logprob.Bounds;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One pretty-printed JSON document, and the number conventions the analysis commands share. */
final class JsonDocument {
  private static final JsonFactory JSON = new JsonFactory();

  /** What writes the document's content. */
  interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private JsonDocument() {}

  /** The document {@code body} writes, ending with a newline. */
  static String of(Body body) {
    StringWriter buffer = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(buffer)) {
      json.useDefaultPrettyPrinter();
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.append('\n').toString();
  }

  /** JSON has no infinity: a logprob of −∞ (probability 0) is written as null, like an unknown one. */
  static void number(JsonGenerator json, String field, Double value) throws IOException {
    if (value == null || !Double.isFinite(value)) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }

  /** An integer, or null. */
  static void integer(JsonGenerator json, String field, Integer value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }

  /** {@code {"lower", "upper"}}, or null. */
  static void bounds(JsonGenerator json, String field, Bounds bounds) throws IOException {
    if (bounds == null) {
      json.writeNullField(field);
      return;
    }
    json.writeObjectFieldStart(field);
    json.writeNumberField("lower", bounds.lower());
    json.writeNumberField("upper", bounds.upper());
    json.writeEndObject();
  }
}
