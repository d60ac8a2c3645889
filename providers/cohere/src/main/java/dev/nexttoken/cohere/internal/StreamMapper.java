package dev.nexttoken.cohere.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cohere v2 stream events to chunks: {@code message-start} gives the response id,
 * {@code content-delta} text and its logprobs, {@code message-end} the finish reason, usage and
 * billed units. Other event types (tool calls, citations, debug, ones added later) carry nothing
 * for the neutral answer and are skipped, as is non-JSON data; {@code [DONE]} is handled by
 * {@link dev.nexttoken.spi.HttpTransport#openStream}. One instance per stream.
 */
public final class StreamMapper implements EventMapper {
  private final boolean logprobsRequested;
  private final LogprobMapper logprobs;
  private final Set<Integer> thinkingItems = new HashSet<>();

  public StreamMapper(boolean logprobsRequested, LogprobMapper logprobs) {
    this.logprobsRequested = logprobsRequested;
    this.logprobs = logprobs;
  }

  @Override
  public Chunk map(StreamEvent event) {
    String data = event.data().strip();
    if (!data.startsWith("{")) {
      return null; // the reference: ignore any non-JSON data, wherever [DONE]-like lines appear
    }
    EventBody e = Json.read(data, EventBody.class, CohereWire.PROVIDER, "a Cohere v2 stream event");
    String type = e.type() != null ? e.type() : event.event();
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "message-start" -> e.id() == null ? null : new Chunk("", null, null, null, null, e.id(), Map.of());
      case "content-start" -> contentStart(e);
      case "content-delta" -> contentDelta(e);
      case "message-end" -> messageEnd(e);
      default -> null;
    };
  }

  private Chunk contentStart(EventBody e) {
    EventBody.DeltaContent content = content(e);
    if (content != null && "thinking".equals(content.type()) && e.index() != null) {
      thinkingItems.add(e.index());
      return null;
    }
    // A start normally carries empty text, but if it carries some it is part of the answer.
    return content == null || content.text() == null || content.text().isEmpty() ? null : Chunk.text(content.text());
  }

  private Chunk contentDelta(EventBody e) {
    if (e.index() != null && thinkingItems.contains(e.index())) {
      return null;
    }
    EventBody.DeltaContent content = content(e);
    String text = content == null || content.text() == null ? "" : content.text();
    List<TokenLogprob> tokens = logprobsRequested ? logprobs.map(e.logprobs()) : null;
    if (text.isEmpty() && tokens == null) {
      return null;
    }
    return new Chunk(text, tokens, null, null, null, null, Map.of());
  }

  private static Chunk messageEnd(EventBody e) {
    EventBody.Delta delta = e.delta();
    if (delta == null) {
      return null;
    }
    return new Chunk("", null, ResponseMapper.finishReason(delta.finishReason()),
        delta.usage() == null ? null : ResponseMapper.usage(delta.usage()), null, null, ResponseMapper.extras(delta.usage()));
  }

  private static EventBody.DeltaContent content(EventBody e) {
    return e.delta() == null || e.delta().message() == null ? null : e.delta().message().content();
  }
}
