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
}
