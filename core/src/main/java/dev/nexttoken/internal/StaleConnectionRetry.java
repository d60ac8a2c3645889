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
  /** Locks the set of used connections is split over (a power of two). */
  private static final int STRIPES = 16;

  /**
   * Connections that carried an exchange, weakly held (the pool decides when they go). Striped by
   * identity: one synchronized set was two lock acquisitions per call for every caller of a model, a
   * hot monitor under 64 concurrent callers (issue 20's lock profile).
   */
  private final Set<Connection>[] used = newStripes();

  @SuppressWarnings("unchecked") // an array of a generic type
  private static Set<Connection>[] newStripes() {
    Set<Connection>[] stripes = new Set[STRIPES];
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    }
    return stripes;
  }

  private Set<Connection> stripe(Connection connection) {
    return used[System.identityHashCode(connection) & (STRIPES - 1)];
  }

  /** Marks failures on connections that already carried an exchange. */
  public Interceptor network() {
    return chain -> {
      Connection connection = chain.connection();
      Set<Connection> stripe = connection == null ? null : stripe(connection);
      boolean reused = stripe != null && stripe.contains(connection);
      try {
        Response response = chain.proceed(chain.request());
        if (stripe != null && !reused) {
          stripe.add(connection);
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
