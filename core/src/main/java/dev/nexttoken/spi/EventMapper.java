package dev.nexttoken.spi;

import dev.nexttoken.Chunk;

/**
 * A provider's mapping from its stream events to neutral chunks. One instance per stream, so it
 * may keep state (e.g. the response id from a first event).
 */
@FunctionalInterface
public interface EventMapper {
  /** The chunk this event carries, or null for events that carry nothing the caller needs. */
  Chunk map(StreamEvent event);

  /**
   * Every chunk this event carries, in order: one per choice when an event holds several (Gemini's
   * candidates, an OpenAI-compatible server batching choices). The default is {@link #map}'s chunk;
   * a mapper whose events can hold several overrides this one, and the stream reads only this.
   */
  default java.util.List<Chunk> mapAll(StreamEvent event) {
    Chunk chunk = map(event);
    return chunk == null ? java.util.List.of() : java.util.List.of(chunk);
  }
}
