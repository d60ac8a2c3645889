package dev.nexttoken.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.Chunk;

/**
 * Turns an {@link EventStream} into chunks with a provider's {@link EventMapper}, handling what all
 * providers share: {@code data: [DONE]} ends the stream, and an {@code {"error": ...}} payload (or
 * an event named {@code error}) inside a 200 stream becomes a
 * {@link dev.nexttoken.error.StreamErrorException}.
 */
public final class EventChunkSource implements ChunkSource {
  private final EventStream events;
  private final EventMapper mapper;
  private final Secret key;

  public EventChunkSource(EventStream events, EventMapper mapper, Secret key) {
    this.events = events;
    this.mapper = mapper;
    this.key = key;
  }

  @Override
  public Chunk next() {
    ServerSentEvent event;
    while ((event = events.next()) != null) {
      if (event.isDone()) {
        return null;
      }
      checkForError(event);
      Chunk chunk = mapper.map(event);
      if (chunk != null) {
        return chunk;
      }
    }
    return null;
  }

  private void checkForError(ServerSentEvent event) {
    String data = event.data();
    boolean named = "error".equals(event.event());
    // Cheap test first: most events are chunks, and only a payload mentioning "error" needs a parse.
    if (!named && (data.isEmpty() || data.charAt(0) != '{' || !data.contains("\"error\""))) {
      return;
    }
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
    events.close();
  }
}
