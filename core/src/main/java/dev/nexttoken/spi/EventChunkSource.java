package dev.nexttoken.spi;

import dev.nexttoken.internal.ErrorMapper;
import dev.nexttoken.internal.ProviderError;
import dev.nexttoken.internal.Secret;
import dev.nexttoken.internal.ChunkSource;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.Chunk;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.NextTokenException;

/**
 * Turns an {@link EventStream} into chunks with a provider's {@link EventMapper}, handling what all
 * providers share: {@code data: [DONE]} ends the stream, and an {@code {"error": ...}} payload (or
 * an event named {@code error}) inside a 200 stream becomes a
 * {@link dev.nexttoken.error.StreamErrorException}.
 *
 * <p>A stream that ends with neither {@code [DONE]} nor a chunk carrying a finish reason was cut
 * short (llama.cpp builds before Sep 2025 sent a mid-stream error as a non-SSE line no reader can
 * see) (a close-delimited body through an HTTP/1.0 proxy ends "cleanly" wherever it is cut): that
 * is a {@link MalformedResponseException}, so a partial answer never passes as a whole one. Closing
 * the source first ends it quietly.
 */
final class EventChunkSource implements ChunkSource {
  private static final AsciiPattern ERROR_KEY = new AsciiPattern("\"error\"");

  private final EventStream events;
  private final EventMapper mapper;
  private final Secret key;
  private boolean finished;
  private volatile boolean closed;

  EventChunkSource(EventStream events, EventMapper mapper, Secret key) {
    this.events = events;
    this.mapper = mapper;
    this.key = key;
  }

  @Override
  public Chunk next() {
    StreamEvent event;
    while ((event = events.next()) != null) {
      if (event.isDone()) {
        return null;
      }
      checkForError(event);
      Chunk chunk = map(event);
      if (chunk != null) {
        if (chunk.finishReason() != null) {
          finished = true;
        }
        return chunk;
      }
    }
    if (!finished && !closed) {
      events.close();
      throw new MalformedResponseException(events.provider() + ": the stream ended before the server reported why it stopped"
          + " (no finish reason, no [DONE]); the answer may be cut short", new ErrorDetails(events.provider(), 200, null, null, null,
              events.metadata().requestId(), null, false));
    }
    return null;
  }

  private Chunk map(StreamEvent event) {
    try {
      return mapper.map(event);
    } catch (NextTokenException e) {
      throw e;
    } catch (RuntimeException e) {
      events.close();
      throw AbstractLanguageModel.malformed(events.provider(), key, e);
    }
  }

  private void checkForError(StreamEvent event) {
    boolean named = "error".equals(event.event());
    // Cheap test first, on the bytes as they arrived: most events are chunks, and only a payload
    // mentioning "error" needs a parse.
    if (!named && (!event.startsWith('{') || !event.contains(ERROR_KEY))) {
      return;
    }
    String data = event.data();
    JsonNode root = Json.readTreeOrNull(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (root == null) {
      if (named) {
        throw ErrorMapper.fromStreamPayload(events.provider(), new ProviderError(null, null, data, null), events.metadata().requestId(), key);
      }
      return;
    }
    JsonNode error = root.get("error");
    if (named || (error != null && !error.isNull())) {
      throw ErrorMapper.fromStreamPayload(events.provider(), ProviderError.fromJson(root), events.metadata().requestId(), key);
    }
  }

  @Override
  public void close() {
    closed = true;
    events.close();
  }
}
