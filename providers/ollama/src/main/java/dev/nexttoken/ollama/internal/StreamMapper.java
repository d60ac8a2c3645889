package dev.nexttoken.ollama.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.ToolCallDelta;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NDJSON lines of {@code /api/chat} or {@code /api/generate} to chunks: each line's text, reasoning
 * ({@code thinking}) and whole tool calls (numbered 0, 1, … across lines, in the order they come);
 * the {@code done: true} line adds the finish reason, usage and durations. An
 * {@code {"error": "..."}} line is turned into an exception by the transport before it gets here.
 * Lines that carry nothing are skipped.
 *
 * <p><b>Logprobs.</b> An answer without reasoning gets each line's logprobs on its chunk. Ollama's
 * logprobs cover reasoning and answer in one sequence, and where one ends can only be told from the
 * whole answer ({@link ReasoningSplit}): once a line shows reasoning, the logprobs are held and the
 * last chunk carries them, split into the answer's and the reasoning's, exactly as the blocking
 * answer splits them. Lines before the first text (which may still turn out to be reasoning) are
 * held until it comes.
 *
 * <p>One instance per stream: it remembers whether any line carried logprobs, so that a server too
 * old for them fails at the end as the blocking call does, after the text has been delivered.
 */
public final class StreamMapper implements EventMapper {
  private final boolean logprobsRequested;
  private boolean sawLogprobs;
  private boolean sawTokens;
  private int calls;
  /** Null until a line shows text, reasoning or a call; then whether the answer reasons. */
  private Boolean thinks;
  private List<TokenLogprob> held;
  private final StringBuilder text = new StringBuilder();

  public StreamMapper(boolean logprobsRequested) {
    this.logprobsRequested = logprobsRequested;
  }

  @Override
  public Chunk map(StreamEvent event) {
    ResponseBody line = Json.read(event.data(), ResponseBody.class, OllamaWire.PROVIDER, "an Ollama stream line (NDJSON)");
    String delta = line.text();
    text.append(delta);
    List<ToolCallDelta> deltas = new ArrayList<>();
    for (WireToolCall call : line.toolCalls()) {
      deltas.add(ToolCallDelta.whole(calls++, ResponseMapper.toolCall(call)));
    }
    List<TokenLogprob> logprobs = ResponseMapper.logprobs(line.logprobs());
    sawLogprobs |= logprobs != null;
    sawTokens |= !delta.isEmpty() || line.hasThinking();
    if (thinks == null && (line.hasThinking() || !delta.isEmpty() || !deltas.isEmpty())) {
      thinks = line.hasThinking();
    }
    if (logprobs != null) {
      held = held == null ? new ArrayList<>(logprobs) : append(held, logprobs);
    }
    List<TokenLogprob> answerLogprobs = null;
    List<TokenLogprob> reasoningLogprobs = null;
    if (Boolean.FALSE.equals(thinks) || line.isDone()) {
      ReasoningSplit.Parts parts = ReasoningSplit.of(held, Boolean.TRUE.equals(thinks), text.toString());
      answerLogprobs = parts.answer();
      reasoningLogprobs = parts.reasoning();
      held = null;
    }
    if (!line.isDone()) {
      if (delta.isEmpty() && !line.hasThinking() && deltas.isEmpty() && answerLogprobs == null) {
        return null;
      }
      return new Chunk(delta, answerLogprobs, null, null, line.model(), null, Map.of())
          .withToolCalls(deltas).withReasoning(line.thinkingText(), null);
    }
    Map<String, String> extras = ResponseMapper.extras(line);
    if (logprobsRequested && sawTokens && !sawLogprobs) {
      extras = ResponseMapper.withWarning(extras);
    }
    return new Chunk(delta, answerLogprobs, ResponseMapper.finishReason(line, calls > 0), ResponseMapper.usage(line), line.model(),
        null, extras).withToolCalls(deltas).withReasoning(line.thinkingText(), reasoningLogprobs);
  }

  private static List<TokenLogprob> append(List<TokenLogprob> to, List<TokenLogprob> more) {
    to.addAll(more);
    return to;
  }
}
