package dev.nexttoken.ollama.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;
import java.util.List;
import java.util.Map;

/**
 * NDJSON lines of {@code /api/chat} or {@code /api/generate} to chunks: each line's text and its
 * own logprobs; the {@code done: true} line adds the finish reason, usage and durations. An
 * {@code {"error": "..."}} line is turned into an exception by the transport before it gets here.
 * Lines that carry nothing for the answer (reasoning only) are skipped. One instance per stream: it
 * remembers whether any line carried logprobs, so that a server too old for them fails at the end
 * as the blocking call does, after the text has been delivered.
 */
public final class StreamMapper implements EventMapper {
  private final boolean logprobsRequested;
  private boolean sawLogprobs;
  private boolean sawTokens;

  public StreamMapper(boolean logprobsRequested) {
    this.logprobsRequested = logprobsRequested;
  }

  @Override
  public Chunk map(StreamEvent event) {
    ResponseBody line = Json.read(event.data(), ResponseBody.class, OllamaWire.PROVIDER, "an Ollama stream line (NDJSON)");
    String text = line.text();
    List<TokenLogprob> logprobs = ResponseMapper.logprobs(line.logprobs());
    sawLogprobs |= logprobs != null;
    sawTokens |= !text.isEmpty() || line.hasThinking();
    if (!line.isDone()) {
      return text.isEmpty() && logprobs == null ? null : new Chunk(text, logprobs, null, null, line.model(), null, Map.of());
    }
    if (logprobsRequested && sawTokens && !sawLogprobs) {
      throw ResponseMapper.tooOldForLogprobs(null);
    }
    return new Chunk(text, logprobs, ResponseMapper.finishReason(line), ResponseMapper.usage(line), line.model(), null,
        ResponseMapper.extras(line));
  }
}
