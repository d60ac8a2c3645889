package dev.nexttoken.gemini.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.ToolCall;
import dev.nexttoken.ToolCallDelta;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code streamGenerateContent?alt=sse} events to chunks. Every event's data is a whole
 * {@code GenerateContentResponse} with the new parts and their logprobs; the last one has the
 * finish reason, and usage is cumulative. There is no {@code [DONE]}: the stream ends when the
 * connection does, after the event with a finish reason. Non-JSON data is skipped; an
 * {@code {"error": …}} event is handled by {@link dev.nexttoken.spi.HttpTransport#openStream}.
 *
 * <p>With several candidates ({@code candidateCount}) one event may carry pieces of several: each
 * becomes its own chunk, in index order, with the candidate's index as {@link Chunk#choice()}, so
 * a collected stream has the blocking answer's choices. An event without candidates (a blocked
 * prompt, usage alone) is one chunk of choice 0.
 *
 * <p>Gemini sends each function call whole, in one part: each becomes
 * {@link ToolCallDelta#whole} with the next index of its candidate (its {@code thoughtSignature}
 * travelling along in the provider data), so a collected stream has the blocking answer's calls.
 * The finish reason of a candidate that called functions is {@code TOOL_CALLS} although the calls
 * came in earlier events, as in the blocking answer. One stream per request, so the state kept
 * here is one answer's.
 */
public final class StreamMapper implements EventMapper {
  private final int topLogprobs;
  /** How many calls each candidate (by index) has made so far: the next call's index; any at all makes the finish TOOL_CALLS. */
  private final Map<Integer, Integer> calls = new HashMap<>();

  /** @param topLogprobs alternatives asked for, or -1 when logprobs were not asked for */
  public StreamMapper(int topLogprobs) {
    this.topLogprobs = topLogprobs;
  }

  /** The stream reads {@link #mapAll}; this is its chunk for an event of at most one candidate. */
  @Override
  public Chunk map(StreamEvent event) {
    List<Chunk> chunks = mapAll(event);
    if (chunks.size() > 1) {
      throw new IllegalStateException("a Gemini event with " + chunks.size() + " candidates is " + chunks.size()
          + " chunks; read it with mapAll");
    }
    return chunks.isEmpty() ? null : chunks.get(0);
  }

  @Override
  public List<Chunk> mapAll(StreamEvent event) {
    String data = event.data().strip();
    if (!data.startsWith("{")) {
      return List.of();
    }
    GenerateResponseBody body = Json.read(data, GenerateResponseBody.class, GeminiWire.PROVIDER, "a Gemini stream event");
    List<GenerateResponseBody.Candidate> candidates = ResponseMapper.candidates(body);
    if (candidates.isEmpty()) {
      return List.of(chunk(body, null));
    }
    List<Chunk> chunks = new ArrayList<>(candidates.size());
    for (GenerateResponseBody.Candidate candidate : candidates) {
      chunks.add(chunk(body, candidate));
    }
    return chunks;
  }

  /** The piece of {@code candidate} (null for none) this event carries. */
  private Chunk chunk(GenerateResponseBody body, GenerateResponseBody.Candidate candidate) {
    int choice = candidate == null ? 0 : ResponseMapper.index(candidate);
    List<ToolCallDelta> deltas = new ArrayList<>();
    for (ToolCall call : ResponseMapper.toolCalls(candidate)) {
      int index = calls.merge(choice, 1, Integer::sum) - 1;
      deltas.add(ToolCallDelta.whole(index, call));
    }
    return new Chunk(ResponseMapper.text(candidate), ResponseMapper.logprobs(candidate, topLogprobs),
        ResponseMapper.finishReason(body, candidate, calls.containsKey(choice)),
        body.usageMetadata() == null ? null : ResponseMapper.usage(body.usageMetadata()), body.modelVersion(), body.responseId(),
        // avgLogprobs and logProbabilitySum are left out: an event's figure covers only its own
        // tokens, and the last event's would pass for the whole answer's.
        ResponseMapper.extras(body, candidate))
        .withToolCalls(deltas)
        .withReasoning(ResponseMapper.reasoning(candidate), null)
        .forChoice(choice);
  }
}
