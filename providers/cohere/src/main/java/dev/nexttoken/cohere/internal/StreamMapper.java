package dev.nexttoken.cohere.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.ToolCallDelta;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cohere v2 stream events to chunks: {@code message-start} gives the response id,
 * {@code content-delta} text and its logprobs (or, in a thinking item, reasoning),
 * {@code tool-plan-delta} reasoning, {@code tool-call-start} and {@code tool-call-delta} the pieces
 * of each call, {@code message-end} the finish reason, usage and billed units. Other event types
 * (citations, debug, ones added later) carry nothing for the neutral answer and are skipped, as is
 * non-JSON data; {@code [DONE]} is handled by {@link dev.nexttoken.spi.HttpTransport#openStream}.
 * One instance per stream.
 */
public final class StreamMapper implements EventMapper {
  private final boolean logprobsRequested;
  private final LogprobMapper logprobs;
  private final Set<Integer> thinkingItems = new HashSet<>();
  /** Cohere's tool-call index to the neutral one: 0, 1, … in the order calls start, whatever Cohere numbers them. */
  private final Map<Integer, Integer> callIndexes = new HashMap<>();
  private int nextCall;
  private int lastCall = -1;

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
      case "tool-plan-delta" -> toolPlanDelta(e);
      case "tool-call-start", "tool-call-delta" -> toolCall(e, type.equals("tool-call-start"));
      case "message-end" -> messageEnd(e);
      default -> null;
    };
  }

  private Chunk contentStart(EventBody e) {
    EventBody.DeltaContent content = content(e);
    if (content != null && "thinking".equals(content.type())) {
      if (e.index() != null) {
        thinkingItems.add(e.index());
      }
      return reasoning(content.thinking());
    }
    // A start normally carries empty text, but if it carries some it is part of the answer.
    return content == null || content.text() == null || content.text().isEmpty() ? null : Chunk.text(content.text());
  }

  /**
   * Text with its logprobs, or a thinking item's reasoning. Logprobs on a thinking delta are not
   * kept: the blocking answer's list is read as the answer's tokens, and the stream must equal it.
   */
  private Chunk contentDelta(EventBody e) {
    EventBody.DeltaContent content = content(e);
    if (e.index() != null && thinkingItems.contains(e.index())) {
      return content == null ? null : reasoning(content.thinking());
    }
    String text = content == null || content.text() == null ? "" : content.text();
    List<TokenLogprob> tokens = logprobsRequested ? logprobs.map(e.logprobs()) : null;
    if (text.isEmpty() && tokens == null) {
      return null;
    }
    return new Chunk(text, tokens, null, null, null, null, Map.of());
  }

  private static Chunk toolPlanDelta(EventBody e) {
    EventBody.DeltaMessage message = message(e);
    return message == null ? null : reasoning(message.toolPlan());
  }

  /** A start names the call (id, tool) and may begin its arguments; a delta adds an arguments fragment. */
  private Chunk toolCall(EventBody e, boolean start) {
    int index = callIndex(e.index(), start);
    EventBody.DeltaMessage message = message(e);
    WireToolCall call = message == null ? null : message.toolCalls();
    if (call == null) {
      return null;
    }
    ToolCallDelta delta = new ToolCallDelta(index, start ? call.id() : null, start ? call.name() : null, call.argumentsText());
    return Chunk.text("").withToolCalls(List.of(delta));
  }

  /** Each Cohere index gets the next neutral one when first seen; without an index a start opens a call and a delta continues the last. */
  private int callIndex(Integer cohereIndex, boolean start) {
    if (cohereIndex == null) {
      if (start || lastCall < 0) {
        lastCall = nextCall++;
      }
      return lastCall;
    }
    Integer known = callIndexes.get(cohereIndex);
    if (known == null) {
      known = nextCall++;
      callIndexes.put(cohereIndex, known);
    }
    lastCall = known;
    return known;
  }

  private static Chunk messageEnd(EventBody e) {
    EventBody.Delta delta = e.delta();
    if (delta == null) {
      return null;
    }
    return new Chunk("", null, ResponseMapper.finishReason(delta.finishReason()),
        delta.usage() == null ? null : ResponseMapper.usage(delta.usage()), null, null, ResponseMapper.extras(delta.usage()));
  }

  private static Chunk reasoning(String text) {
    return text == null || text.isEmpty() ? null : Chunk.text("").withReasoning(text, null);
  }

  private static EventBody.DeltaMessage message(EventBody e) {
    return e.delta() == null ? null : e.delta().message();
  }

  private static EventBody.DeltaContent content(EventBody e) {
    EventBody.DeltaMessage message = message(e);
    return message == null ? null : message.content();
  }
}
