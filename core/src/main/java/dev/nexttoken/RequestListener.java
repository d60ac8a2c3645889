package dev.nexttoken;

import java.time.Duration;

/**
 * Told about every HTTP attempt a model makes, retries included: the hook a tracer uses to show a
 * call's attempts (nexttoken-opentelemetry adds one span event per attempt). Set it on a model's
 * builder ({@code requestListener(listener)}).
 *
 * <p>Called on the thread that makes the attempt, which is the thread that called the model (for
 * the async methods, the executor thread running the call), once per attempt: after the response
 * headers arrive or the attempt fails. A stream's attempts all happen before its first chunk.
 * It must be quick and should not throw; an exception it throws is dropped, so that watching a call
 * never breaks it. Request logging needs no listener: see the {@code dev.nexttoken.http} logger.
 */
@FunctionalInterface
public interface RequestListener {
  void onAttempt(Attempt attempt);

  /**
   * One HTTP attempt.
   *
   * @param provider the provider's name
   * @param method the HTTP method ({@code POST})
   * @param url the URL, with every secret the model's authentication sent cut out
   * @param number 1 for the first attempt, 2 for the first retry, and so on
   * @param status the HTTP status, or 0 when no response arrived
   * @param duration from sending the request to its response headers, or to the failure
   * @param errorType the class name of the I/O failure ({@code java.net.ConnectException}) when no
   *     response arrived, else null; an error status is a response, not an I/O failure
   */
  record Attempt(String provider, String method, String url, int number, int status, Duration duration, String errorType) {}
}
