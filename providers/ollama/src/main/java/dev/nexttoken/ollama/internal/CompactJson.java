package dev.nexttoken.ollama.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Reads any JSON value as its compact JSON text: keys in the order received, numbers exactly as
 * written ({@code 1e5} stays {@code 1e5}, not {@code 100000.0} as a tree would print it), no
 * whitespace. Ollama sends tool-call arguments as an object; the neutral
 * {@link dev.nexttoken.ToolCall#arguments()} is text, and this is the text closest to what was sent.
 * A string value is taken as the JSON text it holds (a proxy that stringifies arguments, as OpenAI does).
 */
public final class CompactJson extends JsonDeserializer<String> {
  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      int depth = 0;
      do {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          g.writeNumber(p.getText());
        } else {
          g.copyCurrentEvent(p);
        }
        if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        }
      } while (depth > 0 && p.nextToken() != null);
    }
    return out.toString();
  }
}
