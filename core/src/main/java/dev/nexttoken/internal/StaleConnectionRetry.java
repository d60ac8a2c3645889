package dev.nexttoken.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sends a request again, on another connection, when it failed before any response on a pooled
 * connection that the server had already closed.
 *
 * <p>Why: llama-server (and other keep-alive servers) close a connection right after a streamed
 * response while still announcing keep-alive, and OkHttp checks a pooled connection thoroughly only
 * after it has been idle for 10 s. With OkHttp's own recovery turned off (so that
 * {@link RetryPolicy} is the only retry table), every call right after a stream failed. Re-sending
 * here is safe in the way OkHttp's recovery is: the request never reached a live server. It does
 * not count against {@code maxRetries}; a failure on a fresh connection is left to the policy.
 */
public final class StaleConnectionRetry {
  /** How many dead pooled connections one call may meet in a row before giving up. */
  private static final int MAX_STALE = 5;

  private final Set<Connection> used = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /** Marks failures on connections that already carried an exchange. */
  public Interceptor network() {
    return chain -> {
      Connection connection = chain.connection();
      boolean reused = connection != null && used.contains(connection);
      try {
        Response response = chain.proceed(chain.request());
        if (connection != null) {
          used.add(connection);
        }
        return response;
      } catch (IOException e) {
        if (reused && !(e instanceof SocketTimeoutException) && !chain.call().isCanceled()) {
          throw new StaleConnectionException(e);
        }
        throw e;
      }
    };
  }

  /** Re-sends a request that failed on a stale pooled connection; OkHttp will not pool that connection again. */
  public Interceptor application() {
    return chain -> {
      for (int stale = 0; ; stale++) {
        try {
          return chain.proceed(chain.request());
        } catch (StaleConnectionException e) {
          if (stale + 1 >= MAX_STALE || chain.call().isCanceled()) {
            throw e.original();
          }
        }
      }
    };
  }

  /** A failure before the response on a connection that had served an earlier exchange. */
  private static final class StaleConnectionException extends IOException {
    StaleConnectionException(IOException cause) {
      super(cause.getMessage(), cause);
    }

    IOException original() {
      return (IOException) getCause();
    }
  }
}
