package dev.nexttoken.internal;

import dev.nexttoken.Timeouts;
import dev.nexttoken.error.ConnectionException;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.TimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * The one place an {@link IOException} from an HTTP call becomes a typed failure, for blocking
 * calls and streams alike.
 *
 * <p>What OkHttp throws, and so what each outcome looks like here:
 * <ul>
 *   <li>the connect timeout and the read timeouts (first byte, stream idle): a
 *       {@link SocketTimeoutException};
 *   <li>the call's deadline (OkHttp's {@code callTimeout}): the call is cancelled and the failure
 *       it causes is replaced by a plain {@link InterruptedIOException} {@code "timeout"};
 *   <li>a call cancelled by someone ({@code Call.cancel()}, {@code Dispatcher.cancelAll()}): an
 *       {@code IOException "Canceled"} or a {@code SocketException "Socket closed"};
 *   <li>an interrupted thread: an {@code InterruptedIOException "interrupted"}, the call not
 *       cancelled (or, while connecting, a bare {@link InterruptedException}: see
 *       {@link #interrupted}).
 * </ul>
 * So a deadline is a plain {@code InterruptedIOException} on a cancelled call with a deadline
 * configured. Calling every plain {@code InterruptedIOException} a deadline would report a thread
 * interrupt as a deadline that was never set. An interrupt is never retryable: it asks the call to
 * stop.
 */
public final class TransportFailures {
  private final String provider;
  private final String endpoint;
  private final Timeouts timeouts;

  /** @param endpoint {@code host:port}, for messages about connecting */
  public TransportFailures(String provider, String endpoint, Timeouts timeouts) {
    this.provider = provider;
    this.endpoint = endpoint;
    this.timeouts = timeouts;
  }

  /**
   * A failure before the response headers arrived. Failures the server cannot have acted on
   * (connecting, a reset) are retryable; a first-byte timeout is not: the server took the request
   * and is still working on it, and repeating it would double the wait.
   *
   * @param cancelled whether the call was cancelled ({@code Call.isCanceled()})
   */
  public NextTokenException beforeResponse(IOException e, boolean cancelled) {
    ErrorDetails retryable = ErrorDetails.of(provider).withRetryable(true);
    ErrorDetails permanent = ErrorDetails.of(provider);
    if (e instanceof SocketTimeoutException) {
      if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
        return new TimeoutException(TimeoutException.Kind.CONNECT,
            provider + ": could not connect to " + endpoint + " within " + timeouts.connect(), retryable, e);
      }
      return new TimeoutException(TimeoutException.Kind.FIRST_BYTE,
          provider + ": no response within " + timeouts.firstByte() + " (first-byte timeout)", permanent, e);
    }
    if (deadlinePassed(e, cancelled)) {
      return deadline(permanent, e);
    }
    if (cancelled) {
      return new ConnectionException(provider + ": the call was cancelled", permanent, e);
    }
    if (e instanceof InterruptedIOException) {
      return interrupted(e);
    }
    return new ConnectionException(provider + ": could not get a response from " + endpoint + ": " + describe(e), retryable, e);
  }

  /**
   * A failure while reading a body whose headers arrived, whole or as a stream. Never retryable:
   * the server accepted the request, and part of the answer may already have been delivered.
   *
   * @param details the response's status and request id
   * @param cancelled whether the call was cancelled ({@code Call.isCanceled()})
   */
  public NextTokenException whileReading(IOException e, boolean cancelled, ErrorDetails details) {
    if (e instanceof SocketTimeoutException) {
      return new TimeoutException(TimeoutException.Kind.STREAM_IDLE, provider + ": the response was silent for longer than "
          + timeouts.streamIdle() + "; raise Timeouts.streamIdle if the model is just slow", details, e);
    }
    if (deadlinePassed(e, cancelled)) {
      return deadline(details, e);
    }
    if (cancelled) {
      return new ConnectionException(provider + ": the call was cancelled while reading the response", details, e);
    }
    if (e instanceof InterruptedIOException) {
      return new ConnectionException(provider + ": the thread was interrupted while reading the response", details, e);
    }
    return new ConnectionException(provider + ": the connection broke while reading the response: " + describe(e), details, e);
  }

  /**
   * The thread was interrupted before the response arrived. OkHttp 5 lets a bare
   * {@link InterruptedException} out of {@code Call.execute()} when the thread is interrupted while
   * connecting, although it does not declare it; the caller restores the interrupt flag.
   */
  public ConnectionException interrupted(Exception e) {
    return new ConnectionException(provider + ": the thread was interrupted before the response arrived", ErrorDetails.of(provider), e);
  }

  private boolean deadlinePassed(IOException e, boolean cancelled) {
    return timeouts.deadline() != null && cancelled && e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException);
  }

  private TimeoutException deadline(ErrorDetails details, IOException e) {
    return new TimeoutException(TimeoutException.Kind.DEADLINE, provider + ": the call's deadline of " + timeouts.deadline() + " passed", details, e);
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
