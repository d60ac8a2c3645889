package dev.nexttoken.spi;

import java.util.Objects;

/**
 * One event of a {@code text/event-stream} response, as dispatched by {@link ServerSentEventReader}.
 *
 * <p>Provider adapters usually look only at {@link #data()}: OpenAI and llama.cpp send {@code data:} lines
 * only, Cohere v2 also names each event with an {@code event:} line. Check {@link #isDone()} before parsing
 * {@code data} as JSON, because OpenAI and Cohere end their streams with the non-JSON sentinel {@code [DONE]}.
 *
 * @param event the value of the event's {@code event:} line, or null when it had none (or an empty one)
 * @param data the event's {@code data:} lines joined with {@code \n}; never null, possibly empty
 * @param id the last event id seen on this stream so far (ids persist across events, as in browsers; an empty
 *     {@code id:} line resets it), or null
 */
public record ServerSentEvent(String event, String data, String id) {
  private static final String DONE = "[DONE]";

  public ServerSentEvent {
    Objects.requireNonNull(data, "data");
  }

  /** True when {@code data} is exactly {@code [DONE]}, the end-of-stream sentinel of OpenAI and Cohere. */
  public boolean isDone() {
    return DONE.equals(data);
  }
}
