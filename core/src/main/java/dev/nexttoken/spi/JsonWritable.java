package dev.nexttoken.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A request body that writes itself with jackson-core, so sending it needs no databind (whose
 * first use costs a cold start ~200 ms). {@link Json#write(Object)} and {@link HttpTransport} use
 * {@link #writeJson} for any body that implements it.
 */
public interface JsonWritable {
  /** Writes this value as one complete JSON value. */
  void writeJson(JsonGenerator generator) throws IOException;
}
