package dev.nexttoken.wire.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The {@code stream_options} object of a streaming request. */
public record StreamOptions(boolean includeUsage) {
  /** Ask for the final {@code choices: []} chunk that carries usage. */
  public static final StreamOptions INCLUDE_USAGE = new StreamOptions(true);

  /** Writes {@code options} as the {@code stream_options} field, or nothing when null. */
  public static void write(JsonGenerator g, StreamOptions options) throws IOException {
    if (options != null) {
      g.writeObjectFieldStart("stream_options");
      g.writeBooleanField("include_usage", options.includeUsage());
      g.writeEndObject();
    }
  }
}
