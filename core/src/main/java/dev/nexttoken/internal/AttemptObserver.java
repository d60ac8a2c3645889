package dev.nexttoken.internal;

import dev.nexttoken.RequestListener;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.LoggerFactory;

/**
 * The one place that sees every HTTP attempt: numbers it, logs it ({@link RequestLog}) and tells
 * the model's {@link RequestListener}. An OkHttp application interceptor, installed before
 * {@link StaleConnectionRetry}'s, so that a transparent re-send on a fresh connection stays one
 * attempt, as it is one attempt of the retry policy.
 *
 * <p>The policy re-runs the same {@link Request} for each retry; the request carries a counter as
 * its tag ({@link #numbered}), which is how attempt 2 knows it is attempt 2. With no listener and
 * the logger off, an attempt costs one level check.
 */
public final class AttemptObserver implements Interceptor {
  private final String provider;
  private final RequestListener listener;
  private final RequestLog log;

  /** @param listener told of each attempt, or null */
  public AttemptObserver(String provider, RequestListener listener, Secret secrets, CredentialHeaders headers) {
    this.provider = provider;
    this.listener = listener;
    this.log = new RequestLog(provider, secrets, headers);
  }

  /** {@code request} with a fresh attempt counter: one per logical call, shared by its retries. */
  public static Request.Builder numbered(Request.Builder request) {
    return request.tag(AttemptCounter.class, new AttemptCounter());
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    boolean logging = log.enabled();
    if (listener == null && !logging) {
      return chain.proceed(request);
    }
    AttemptCounter counter = request.tag(AttemptCounter.class);
    int number = counter == null ? 1 : counter.next();
    if (logging) {
      log.sent(request, number);
    }
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException | RuntimeException e) {
      long nanos = System.nanoTime() - start;
      if (logging) {
        log.failed(request, number, e, nanos);
      }
      tell(request, number, 0, nanos, e.getClass().getName());
      throw e;
    }
    long nanos = System.nanoTime() - start;
    if (logging) {
      log.received(request, number, response, nanos);
    }
    tell(request, number, response.code(), nanos, null);
    return response;
  }

  private void tell(Request request, int number, int status, long nanos, String errorType) {
    if (listener == null) {
      return;
    }
    try {
      listener.onAttempt(new RequestListener.Attempt(provider, request.method(), log.url(request), number, status,
          Duration.ofNanos(nanos), errorType));
    } catch (RuntimeException e) {
      // Watching a call must never break it.
      LoggerFactory.getLogger(RequestLog.NAME).debug("{}: the request listener failed: {}", provider, e.toString());
    }
  }

  /** Counts one logical call's attempts. */
  static final class AttemptCounter {
    private final AtomicInteger attempts = new AtomicInteger();

    int next() {
      return attempts.incrementAndGet();
    }
  }
}
