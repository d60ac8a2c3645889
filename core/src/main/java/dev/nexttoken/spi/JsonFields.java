package dev.nexttoken.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * Writes optional fields for {@link JsonWritable} bodies: a null value writes nothing, as the
 * databind setup ({@code NON_NULL}) does, so only what the caller set is sent.
 */
public final class JsonFields {
  private JsonFields() {}

  public static void text(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  public static void number(JsonGenerator g, String name, Integer value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value.intValue());
    }
  }

  public static void number(JsonGenerator g, String name, Long value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value.longValue());
    }
  }

  public static void number(JsonGenerator g, String name, Double value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value.doubleValue());
    }
  }

  public static void flag(JsonGenerator g, String name, Boolean value) throws IOException {
    if (value != null) {
      g.writeBooleanField(name, value);
    }
  }

  public static void texts(JsonGenerator g, String name, List<String> values) throws IOException {
    if (values != null) {
      g.writeArrayFieldStart(name);
      for (String value : values) {
        g.writeString(value);
      }
      g.writeEndArray();
    }
  }
}
