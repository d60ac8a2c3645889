package dev.nexttoken.gemini.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;

/**
 * {@code streamGenerateContent?alt=sse} events to chunks. Every event's data is a whole
 * {@code GenerateContentResponse} with the new text parts and their logprobs; the last one has the
 * finish reason, and usage is cumulative. There is no {@code [DONE]}: the stream ends when the
 * connection does, after the event with a finish reason. Non-JSON data is skipped; an
 * {@code {"error": …}} event is handled by {@link dev.nexttoken.spi.HttpTransport#openStream}.
 */
public final class StreamMapper implements EventMapper {
  private final int topLogprobs;

  /** @param topLogprobs alternatives asked for, or -1 when logprobs were not asked for */
  public StreamMapper(int topLogprobs) {
    this.topLogprobs = topLogprobs;
  }

  @Override
  public Chunk map(StreamEvent event) {
    String data = event.data().strip();
    if (!data.startsWith("{")) {
      return null;
    }
    GenerateResponseBody body = Json.read(data, GenerateResponseBody.class, GeminiWire.PROVIDER, "a Gemini stream event");
    return ResponseMapper.chunk(body, topLogprobs);
  }
}
