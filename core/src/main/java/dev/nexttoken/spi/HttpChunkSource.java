package dev.nexttoken.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.Chunk;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.StreamErrorException;
import dev.nexttoken.internal.ChunkSource;
import dev.nexttoken.internal.ErrorMapper;
import dev.nexttoken.internal.ProviderError;
import dev.nexttoken.internal.Secret;
import dev.nexttoken.internal.TransportFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Call;
import okhttp3.Response;

/**
 * An open streamed response as chunks: the events its framing's {@link EventReader} splits off,
 * each turned into a chunk by the provider's {@link EventMapper}, with everything providers share
 * handled here once.
 *
 * <ul>
 *   <li>An {@code {"error": ...}} payload (or an SSE event named {@code error}) inside the 200
 *       stream becomes a {@link dev.nexttoken.error.StreamErrorException}.
 *   <li>A mapper that throws anything but this SDK's exceptions met a value it cannot read: a
 *       {@link MalformedResponseException}.
 *   <li>Transport failures are typed by {@link TransportFailures}, as for a blocking call.
 *   <li>A stream ends well at {@code [DONE]} or after a chunk carrying a finish reason. One that
 *       ends with neither was cut short (a close-delimited body through an HTTP/1.0 proxy ends
 *       "cleanly" wherever it is cut; llama.cpp builds before Sep 2025 sent a mid-stream error as a
 *       non-SSE line no reader can see): a {@link MalformedResponseException}, so a partial answer
 *       never passes as a whole one.
 * </ul>
 *
 * <p>{@link #close()} may come from another thread, to cancel a read blocked on the network: it
 * cancels the call, and the failure that cancelling causes in the reading thread ends the stream
 * quietly instead of being reported. A stream that reached its end is not cancelled but released, so
 * its connection goes back to the pool: cancelling there made every stream open a new connection
 * (issue 20; the last HTTP chunk after {@code [DONE]} is read by OkHttp when the response closes).
 */
final class HttpChunkSource implements ChunkSource {
  private final String provider;
  private final Call call;
  private final Response response;
  private final EventReader reader;
  private final EventMapper mapper;
  /** The mapper throws {@link EventMapper.ErrorMember} itself, so events need not be searched for "error". */
  private final boolean mapperReportsErrors;
  private final TransportFailures failures;
  private final Secret key;
  private final ResponseMetadata metadata;
  private boolean finished;
  /** The stream reached its end ({@code [DONE]}, or the body's end once finished): close() releases, not cancels. */
  private volatile boolean ended;
  /** Chunks of an event that held several (one per choice), handed out one per {@link #next()}. */
  private final java.util.ArrayDeque<Chunk> pending = new java.util.ArrayDeque<>();
  /** Choices that sent content, and those that said why they stopped. */
  private final java.util.Set<Integer> startedChoices = new java.util.HashSet<>();
  private final java.util.Set<Integer> finishedChoices = new java.util.HashSet<>();
  /** The choice of the last content chunk, already in startedChoices: most chunks need no set at all. */
  private int lastStarted = -1;
  private volatile boolean closed;

  HttpChunkSource(String provider, Call call, Response response, EventReader reader, EventMapper mapper, TransportFailures failures,
      Secret key, ResponseMetadata metadata) {
    this.provider = provider;
    this.call = call;
    this.response = response;
    this.reader = reader;
    this.mapper = mapper;
    this.mapperReportsErrors = mapper.reportsErrorMember();
    this.failures = failures;
    this.key = key == null ? new Secret() : key; // a transport without a credential has nothing to redact
    this.metadata = metadata;
  }

  /** What the response headers said: request id, rate limits. */
  ResponseMetadata metadata() {
    return metadata;
  }

  @Override
  public Chunk next() {
    if (!pending.isEmpty()) {
      return pending.poll();
    }
    StreamEvent event;
    while ((event = read()) != null) {
      if (event.isDone()) {
        ended = true;
        return null;
      }
      if (!mapperReportsErrors || "error".equals(event.event())) {
        checkForError(event);
      }
      java.util.List<Chunk> chunks = map(event);
      if (chunks.size() == 1) { // the usual event: one chunk, handed out without the queue
        Chunk chunk = chunks.get(0);
        noteFinish(chunk);
        return chunk;
      }
      for (Chunk chunk : chunks) {
        noteFinish(chunk);
        pending.add(chunk);
      }
      if (!pending.isEmpty()) {
        return pending.poll();
      }
    }
    if (!finished && !closed) {
      close();
      throw new MalformedResponseException(provider + ": the stream ended before the server reported why it stopped"
          + " (no finish reason, no [DONE]); the answer may be cut short", details());
    }
    ended = finished;
    return null;
  }

  /**
   * A stream is finished once every choice it showed has reported why it stopped: with several
   * choices, a connection cut after the first finished is still a cut-short answer.
   */
  private void noteFinish(Chunk chunk) {
    int choice = chunk.choice();
    if (chunk.finishReason() != null) {
      finishedChoices.add(choice);
      lastStarted = -1;
    } else if (choice == lastStarted) {
      return; // the common case, once per token: nothing changes (the sets cost 11% of a chunk, issue 20)
    } else if (!chunk.textDelta().isEmpty() || chunk.logprobs() != null || !chunk.toolCalls().isEmpty()
        || !chunk.reasoningDelta().isEmpty()) {
      // Only content opens a choice: a usage chunk after the finish (OpenAI's) does not.
      startedChoices.add(choice);
      lastStarted = choice;
    } else {
      return;
    }
    finished = !finishedChoices.isEmpty() && finishedChoices.containsAll(startedChoices);
  }

  /** The next event, or null at the end or once closed. */
  private StreamEvent read() {
    if (closed) {
      return null;
    }
    try {
      return reader.next();
    } catch (IOException e) {
      if (closed) {
        return null; // our own close() broke the read
      }
      boolean cancelled = call.isCanceled(); // before close(), which cancels it
      close();
      throw failures.whileReading(e, cancelled, details());
    } catch (RuntimeException e) {
      close(); // an oversized event: nothing more can be read safely
      throw e;
    }
  }

  private java.util.List<Chunk> map(StreamEvent event) {
    try {
      return mapper.mapAll(event);
    } catch (EventMapper.ErrorMember e) {
      checkForError(event); // throws the provider's error, read as any other
      close();
      throw new MalformedResponseException(provider + ": an event's \"error\" member could not be read", details());
    } catch (StreamErrorException e) {
      close();
      throw fromMapper(e);
    } catch (NextTokenException e) {
      close();
      throw e;
    } catch (RuntimeException e) {
      close();
      throw AbstractLanguageModel.malformed(provider, key, e);
    }
  }

  private void checkForError(StreamEvent event) {
    boolean named = "error".equals(event.event());
    if (!named && !event.hasTopLevelError()) {
      return;
    }
    String data = event.data();
    JsonNode root = Json.readTreeOrNull(data.getBytes(StandardCharsets.UTF_8));
    if (root == null) {
      if (named) {
        throw streamError(new ProviderError(null, null, data, null));
      }
      return;
    }
    JsonNode error = root.get("error");
    if (named || (error != null && !error.isNull())) {
      throw streamError(ProviderError.fromJson(root));
    }
  }

  /**
   * An error a provider's mapper read from its own event shape (OpenAI Responses'
   * {@code response.failed}), which the generic scan above cannot see: the mapper has neither the
   * secrets nor the request id, so both are put right here, as for every other stream error. The
   * original is dropped as the cause: its message is the unredacted one.
   */
  private StreamErrorException fromMapper(StreamErrorException e) {
    ErrorDetails d = e.details();
    ErrorDetails details = new ErrorDetails(d.provider() == null ? provider : d.provider(), d.httpStatus() == 0 ? response.code() : d.httpStatus(),
        d.errorType(), d.errorCode(), d.providerMessage() == null ? null : key.redact(d.providerMessage()),
        d.requestId() == null ? metadata.requestId() : d.requestId(), d.retryAfter(), d.retryable());
    return new StreamErrorException(key.redact(e.getMessage()), details, e.getCause() == null ? null : key.standIn(e.getCause()));
  }

  private NextTokenException streamError(ProviderError error) {
    return ErrorMapper.fromStreamPayload(provider, error, metadata.requestId(), key);
  }

  private ErrorDetails details() {
    return new ErrorDetails(provider, response.code(), null, null, null, metadata.requestId(), null, false);
  }

  /**
   * Releases the connection: back to the pool when the stream reached its end, else the call is
   * cancelled first (a stream closed early would otherwise be read to its end). Idempotent.
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (!ended) {
        call.cancel();
      }
      response.close();
    }
  }
}
