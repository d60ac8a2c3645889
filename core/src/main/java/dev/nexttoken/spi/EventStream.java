package dev.nexttoken.spi;

import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.error.ConnectionException;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.TimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import okhttp3.Call;
import okhttp3.Response;

/**
 * An open server-sent-event response: the events in order, and the means to cancel the call.
 *
 * <p>Transport failures become typed exceptions: silence longer than the idle timeout is a
 * {@link TimeoutException} of kind {@code STREAM_IDLE}; the total deadline passing, kind
 * {@code DEADLINE}; a broken connection, a {@link ConnectionException}. After {@link #close()},
 * {@link #next()} returns null.
 */
public final class EventStream implements AutoCloseable {
  private final String provider;
  private final Call call;
  private final Response response;
  private final ServerSentEventReader reader;
  private final ResponseMetadata metadata;
  private volatile boolean closed;

  EventStream(String provider, Call call, Response response, ServerSentEventReader reader, ResponseMetadata metadata) {
    this.provider = provider;
    this.call = call;
    this.response = response;
    this.reader = reader;
    this.metadata = metadata;
  }

  /** The provider's name, for messages. */
  public String provider() {
    return provider;
  }

  /** What the response headers said: request id, rate limits. */
  public ResponseMetadata metadata() {
    return metadata;
  }

  /** The next event, or null at the end of the stream (or once closed). */
  public StreamEvent next() {
    if (closed) {
      return null;
    }
    try {
      return reader.next();
    } catch (IOException e) {
      if (closed) {
        return null;
      }
      throw failure(e);
    } catch (RuntimeException e) {
      close(); // an oversized event: nothing more can be read safely
      throw e;
    }
  }

  private RuntimeException failure(IOException e) {
    close();
    ErrorDetails details = new ErrorDetails(provider, response.code(), null, null, null, metadata.requestId(), null, false);
    if (e instanceof SocketTimeoutException) {
      return new TimeoutException(TimeoutException.Kind.STREAM_IDLE,
          provider + ": the stream was silent for longer than the idle timeout; raise Timeouts.streamIdle if the model is just slow", details, e);
    }
    if (e instanceof InterruptedIOException && !(e.getCause() instanceof SocketTimeoutException)) {
      return new TimeoutException(TimeoutException.Kind.DEADLINE, provider + ": the call's total deadline passed while streaming", details, e);
    }
    return new ConnectionException(provider + ": the connection broke in the middle of the stream: " + e.getMessage(), details, e);
  }

  /** Cancels the call and releases the connection. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      call.cancel();
      response.close();
    }
  }
}
