package dev.nexttoken.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.Authentication;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.RequestListener;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.Timeouts;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.internal.AsyncThreads;
import dev.nexttoken.internal.AttemptObserver;
import dev.nexttoken.internal.BoundedExecutor;
import dev.nexttoken.internal.ErrorMapper;
import dev.nexttoken.internal.ProviderError;
import dev.nexttoken.internal.PulledCompletionStream;
import dev.nexttoken.internal.RetryAfter;
import dev.nexttoken.internal.RetryPolicy;
import dev.nexttoken.internal.Secret;
import dev.nexttoken.internal.StaleConnectionRetry;
import dev.nexttoken.internal.StreamLimits;
import dev.nexttoken.internal.TransportFailures;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * What a provider needs to talk HTTP: one configured OkHttp client, JSON bodies, retries,
 * timeouts that suit streams, and HTTP errors turned into typed exceptions.
 *
 * <p>Built once per model and shared by all its calls. It uses the caller's {@link OkHttpClient}
 * when given one (sharing its connection pool and threads, left open on {@link #close()}), else
 * creates its own and shuts it down on close.
 *
 * <p>Timeouts: {@code connect} bounds connecting, {@code firstByte} bounds the wait for the
 * response headers, {@code streamIdle} bounds each silence while reading a body, and an optional
 * {@code deadline} bounds the whole call. Request bodies are sent with a {@code Content-Length}
 * (never chunked), as some gateways require.
 */
public final class HttpTransport implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String USER_AGENT = "nexttoken-java/0.1.0";

  private final String provider;
  private final HttpUrl baseUrl;
  private final Authentication authentication;
  private final RequestAuthenticator authenticator;
  /**
   * Every secret the authentication has sent (a key, or each token issued), for redaction; one
   * object, so that every message built here, in the stream and in the model is redacted alike.
   * (Still named for the one scheme there was: the stream path reads it under this name.)
   */
  private final Secret apiKey;
  private final Headers extraHeaders;
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final Timeouts timeouts;
  private final RetryPolicy retry;
  private final long maxEventBytes;
  private final Clock clock;
  private final Executor asyncExecutor;
  private final TransportFailures failures;
  private final Map<String, HttpUrl> resolvedUrls = new ConcurrentHashMap<>();

  private HttpTransport(Builder b) {
    this.provider = b.provider;
    this.baseUrl = b.baseUrl;
    this.authentication = b.authentication;
    this.authenticator = new RequestAuthenticator(provider, b.authentication);
    this.apiKey = authenticator.sent();
    this.extraHeaders = b.headers.build();
    this.timeouts = b.timeouts;
    this.retry = new RetryPolicy(provider, b.retry);
    this.maxEventBytes = b.maxEventBytes;
    this.clock = b.clock;
    this.failures = new TransportFailures(provider, baseUrl.host() + ":" + baseUrl.port(), timeouts);
    this.ownsClient = b.client == null;
    OkHttpClient.Builder cb = b.client != null ? b.client.newBuilder()
        : newOwnedClientBuilder(b.maxConcurrentRequests > 0 ? b.maxConcurrentRequests : DEFAULT_MAX_CONCURRENT_REQUESTS);
    cb.connectTimeout(timeouts.connect())
        .readTimeout(timeouts.firstByte())
        .writeTimeout(timeouts.firstByte())
        .callTimeout(timeouts.deadline() == null ? Duration.ZERO : timeouts.deadline())
        // OkHttp would otherwise silently re-send on 408 and on some connection failures, on top of
        // RetryPolicy: maxRetries(0) must mean one request, and the retry table must be the only one.
        .retryOnConnectionFailure(false);
    // Sees every attempt of the retry policy (for request logging and the listener); added first, so
    // a stale connection's transparent re-send below stays inside one attempt.
    cb.addInterceptor(new AttemptObserver(provider, b.requestListener, apiKey, authenticator.headers()));
    // ...which leaves a pooled connection the server already closed to us: see StaleConnectionRetry.
    StaleConnectionRetry stale = new StaleConnectionRetry();
    cb.addInterceptor(stale.application()).addNetworkInterceptor(stale.network());
    this.client = cb.build();
    if (ownsClient && b.maxConcurrentRequests > 0) {
      client.dispatcher().setMaxRequests(b.maxConcurrentRequests);
      client.dispatcher().setMaxRequestsPerHost(b.maxConcurrentRequests);
    }
    int explicit = b.maxConcurrentRequests;
    Dispatcher dispatcher = client.dispatcher();
    this.asyncExecutor = new BoundedExecutor(dispatcher.executorService(), () -> explicit > 0 ? explicit : dispatcher.getMaxRequests());
  }

  public static Builder builder(String provider, HttpUrl baseUrl) {
    return new Builder(provider, baseUrl);
  }

  /** The provider's name. */
  public String provider() {
    return provider;
  }

  /** The base URL every path is resolved against. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /** How requests authenticate ({@code toString()} shows the scheme, never the secret). */
  public Authentication authentication() {
    return authentication;
  }

  /** What to redact provider text with: every secret the authentication has sent. */
  Secret secrets() {
    return apiKey;
  }

  /** The OkHttp client in use (shares pool and dispatcher with the caller's, if one was given). */
  public OkHttpClient client() {
    return client;
  }

  /**
   * Where async calls run: the OkHttp dispatcher's executor, at most {@code maxConcurrentRequests}
   * tasks at once (by default the dispatcher's {@code maxRequests}, 64); further calls wait in a
   * queue. On a client the SDK creates that executor starts a virtual thread per task on Java 21 and
   * later, and daemon platform threads before; a caller's client brings its own executor.
   */
  public Executor executor() {
    return asyncExecutor;
  }

  /**
   * {@code path} (e.g. {@code "chat/completions"}, {@code "v2/chat"}) resolved under the base URL,
   * keeping any path prefix the base URL has. What follows a {@code ?} is the query, already
   * encoded ({@code "models/gemini-2.0-flash:streamGenerateContent?alt=sse"}).
   */
  public HttpUrl url(String path) {
    // A model calls two or three paths; building an HttpUrl per call showed in the chat profile.
    return resolvedUrls.computeIfAbsent(path, this::resolve);
  }

  private HttpUrl resolve(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    int query = relative.indexOf('?');
    if (query < 0) {
      return baseUrl.newBuilder().addPathSegments(relative).build();
    }
    return baseUrl.newBuilder().addPathSegments(relative.substring(0, query)).encodedQuery(relative.substring(query + 1)).build();
  }

  /** POSTs {@code body} as JSON and returns the successful response, retrying per policy. */
  public HttpResult postJson(String path, Object body) {
    Request request = jsonRequest(path, body);
    return retry.execute(() -> executeWhole(request));
  }

  /**
   * POSTs {@code body} as JSON and hands the successful response's body to {@code reader} as it
   * arrives (no copy of the whole body first), retrying per policy. Error responses are read and
   * mapped exactly as by {@link #postJson(String, Object)}.
   */
  public <T> T postJson(String path, Object body, BodyReader<T> reader) {
    Request request = jsonRequest(path, body);
    return retry.execute(() -> executeStreamed(request, reader));
  }

  /** Reads a successful response's body as it arrives. */
  @FunctionalInterface
  public interface BodyReader<T> {
    /**
     * Reads {@code body}; a parse failure is thrown as a {@link MalformedResponseException}, an
     * {@link IOException} is the connection's and is reported as a timeout or connection failure.
     */
    T read(InputStream body, ResponseMetadata metadata) throws IOException;
  }

  /** GETs {@code path} and returns the successful response, retrying per policy. */
  public HttpResult get(String path) {
    Request request = newRequest(url(path)).get().build();
    return retry.execute(() -> executeWhole(request));
  }

  /** How a streamed response body is split into events. */
  public enum Framing {
    /** {@code text/event-stream} ({@code data:} and {@code event:} lines): OpenAI, Cohere, llama.cpp, Gemini. */
    SERVER_SENT_EVENTS("text/event-stream", "an event stream (text/event-stream)") {
      @Override
      EventReader reader(BufferedSource source, long maxEventBytes, String provider) {
        return new ServerSentEventReader(source, maxEventBytes, provider);
      }

      @Override
      boolean accepts(String contentType) {
        return contentType.startsWith("text/event-stream");
      }
    },
    /**
     * One JSON value a line ({@code application/x-ndjson}): Ollama. Servers that label it
     * {@code application/json} are accepted too.
     */
    NDJSON("application/x-ndjson", "newline-delimited JSON (application/x-ndjson)") {
      @Override
      EventReader reader(BufferedSource source, long maxEventBytes, String provider) {
        return new NdjsonReader(source, maxEventBytes, provider);
      }

      @Override
      boolean accepts(String contentType) {
        return contentType.startsWith("application/x-ndjson") || contentType.startsWith("application/json");
      }
    };

    private final String accept;
    private final String description;

    Framing(String accept, String description) {
      this.accept = accept;
      this.description = description;
    }

    abstract EventReader reader(BufferedSource source, long maxEventBytes, String provider);

    /** Whether a response of {@code contentType} (lower case) is in this framing. */
    abstract boolean accepts(String contentType);
  }

  /**
   * POSTs {@code body} as JSON and returns the response as a stream of chunks: the one way a
   * provider opens a stream. Core reads the events ({@code framing}), cancels the call when the
   * caller closes early, turns an error inside the stream into a typed exception, and fails a
   * stream that ends before a chunk with a finish reason (a cut answer never passes as a whole
   * one); {@code mapper} only turns each event into a chunk. Retries happen only until the
   * response headers arrive.
   *
   * <p>The collected answer carries the logprobs its chunks carried ({@link dev.nexttoken.Chunk#logprobs()}),
   * null when none did, exactly as the blocking call reports them.
   *
   * @param mapper this stream's mapper (it may keep state across events: use a new one per call)
   */
  public CompletionStream openStream(String path, Object body, Framing framing, EventMapper mapper) {
    Objects.requireNonNull(framing, "framing");
    Objects.requireNonNull(mapper, "mapper");
    Request request = newRequest(url(path)).header("Accept", framing.accept).post(jsonBody(body)).build();
    HttpChunkSource source = retry.execute(() -> open(request, framing, mapper));
    return new PulledCompletionStream(source, source.metadata());
  }

  private Request jsonRequest(String path, Object body) {
    return newRequest(url(path)).header("Accept", "application/json").post(jsonBody(body)).build();
  }

  private static RequestBody jsonBody(Object body) {
    // From a byte array, so OkHttp sends a Content-Length rather than a chunked body.
    return RequestBody.create(Json.write(body), JSON);
  }

  private Request.Builder newRequest(HttpUrl url) {
    Request.Builder rb = AttemptObserver.numbered(new Request.Builder().url(url).headers(extraHeaders).header("User-Agent", USER_AGENT));
    authenticator.authenticate(rb);
    return rb;
  }

  private HttpResult executeWhole(Request request) {
    Call call = client.newCall(request);
    Response response = execute(call);
    try (response) {
      ResponseBody body = response.body();
      body.source().timeout().timeout(timeouts.streamIdle().toMillis(), TimeUnit.MILLISECONDS);
      byte[] bytes;
      try {
        bytes = body.bytes();
      } catch (IOException e) {
        throw failureWhileReading(e, call, response);
      }
      if (!response.isSuccessful()) {
        throw errorFor(response, bytes);
      }
      return new HttpResult(response.code(), response.headers(), bytes, metadata(response.headers()));
    }
  }

  private <T> T executeStreamed(Request request, BodyReader<T> reader) {
    Call call = client.newCall(request);
    Response response = execute(call);
    try (response) {
      ResponseBody body = response.body();
      body.source().timeout().timeout(timeouts.streamIdle().toMillis(), TimeUnit.MILLISECONDS);
      if (!response.isSuccessful()) {
        byte[] bytes;
        try {
          bytes = body.bytes();
        } catch (IOException e) {
          throw failureWhileReading(e, call, response);
        }
        throw errorFor(response, bytes);
      }
      try {
        return reader.read(body.byteStream(), metadata(response.headers()));
      } catch (IOException e) {
        throw failureWhileReading(e, call, response);
      }
    }
  }

  private HttpChunkSource open(Request request, Framing framing, EventMapper mapper) {
    Call call = client.newCall(request);
    Response response = execute(call);
    try {
      if (!response.isSuccessful()) {
        byte[] bytes = readBounded(response);
        throw errorFor(response, bytes);
      }
      String type = response.header("Content-Type");
      if (type != null && !framing.accepts(type.toLowerCase(Locale.ROOT))) {
        byte[] bytes = readBounded(response);
        ProviderError error = ProviderError.parse(bytes, Json.readTreeOrNull(bytes));
        throw new MalformedResponseException(
            provider + ": expected " + framing.description + " but the server sent " + type
                + (error.message() == null ? "" : ": " + redact(error.message())),
            details(response));
      }
      BufferedSource source = response.body().source();
      source.timeout().timeout(timeouts.streamIdle().toMillis(), TimeUnit.MILLISECONDS);
      EventReader reader = framing.reader(source, maxEventBytes, provider);
      return new HttpChunkSource(provider, call, response, reader, mapper, failures, apiKey, metadata(response.headers()));
    } catch (RuntimeException e) {
      response.close();
      throw e;
    }
  }

  private Response execute(Call call) {
    try {
      return call.execute();
    } catch (IOException e) {
      throw failures.beforeResponse(e, call.isCanceled());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // Undeclared: OkHttp's InterruptedException while connecting on an interrupted thread.
      Thread.currentThread().interrupt();
      throw failures.interrupted(e);
    }
  }

  private NextTokenException failureWhileReading(IOException e, Call call, Response response) {
    return failures.whileReading(e, call.isCanceled(), details(response));
  }

  private byte[] readBounded(Response response) {
    // An error body is small; a hostile one must not be read without bound.
    try {
      return response.peekBody(64 * 1024).bytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private NextTokenException errorFor(Response response, byte[] body) {
    JsonNode root = Json.readTreeOrNull(body);
    return ErrorMapper.fromStatus(
        provider,
        response.code(),
        ProviderError.parse(body, root),
        response.header("x-should-retry"),
        RetryAfter.parse(response.headers(), root, clock),
        requestId(response.headers()),
        apiKey);
  }

  private ErrorDetails details(Response response) {
    return new ErrorDetails(provider, response.code(), null, null, null, requestId(response.headers()), null, false);
  }

  private String redact(String text) {
    return apiKey.redact(text);
  }

  private static String requestId(Headers headers) {
    String id = headers.get("x-request-id");
    return id != null ? id : headers.get("request-id");
  }

  /** The metadata response headers carry: request id and {@code x-ratelimit-*} values. */
  public static ResponseMetadata metadata(Headers headers) {
    Map<String, String> limits = null;
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      if (name.startsWith("x-ratelimit-")) {
        if (limits == null) {
          limits = new LinkedHashMap<>();
        }
        limits.put(name, headers.value(i));
      }
    }
    return new ResponseMetadata(null, requestId(headers), limits == null ? Map.of() : limits, Map.of());
  }

  /** Shuts down the threads and connections this transport created; a caller's client is left alone. */
  @Override
  public void close() {
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /** OkHttp's own default for the dispatcher's {@code maxRequests}, which 0 means. */
  private static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

  /**
   * A client of the SDK's own. Its pool keeps as many idle connections as calls may run at once:
   * OkHttp's default pool keeps 5, so 64 callers sharing one model kept reopening connections (2% of
   * calls under 64 callers, issue 20) where a pool sized for them opens none after warm-up.
   */
  private static OkHttpClient.Builder newOwnedClientBuilder(int maxIdleConnections) {
    // Virtual threads on Java 21+, else daemon platform threads: see AsyncThreads.
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .dispatcher(new Dispatcher(AsyncThreads.newExecutor()))
        .connectionPool(new ConnectionPool(maxIdleConnections, 5, TimeUnit.MINUTES));
    if (AsyncThreads.virtual()) {
      // OkHttp's fast fallback (Happy Eyeballs) runs each connect on a platform thread of its own
      // task runner: 2,000 streams opened at once started 40 of them beside the virtual threads.
      // Sequential connects run on the calling virtual thread instead. What it gives up is racing
      // IPv6 against IPv4; the JDK resolver lists IPv4 first (unless java.net.preferIPv6Addresses),
      // so the first address tried is the one that usually works.
      builder.fastFallback(false);
    }
    return builder;
  }

  @Override
  public String toString() {
    return "HttpTransport[" + provider + " " + baseUrl + " " + authentication + "]";
  }

  /** Builds an {@link HttpTransport}. */
  public static final class Builder {
    private final String provider;
    private final HttpUrl baseUrl;
    private Authentication authentication = Authentication.none();
    private final Headers.Builder headers = new Headers.Builder();
    private OkHttpClient client;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private RetrySettings retry = RetrySettings.DEFAULT;
    private long maxEventBytes = StreamLimits.DEFAULT_MAX_EVENT_BYTES;
    private boolean allowInsecureHttp;
    private Clock clock = Clock.systemUTC();
    private int maxConcurrentRequests;
    private RequestListener requestListener;

    Builder(String provider, HttpUrl baseUrl) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** How requests authenticate (default {@link Authentication#none()}). */
    public Builder authentication(Authentication value) {
      authentication = Objects.requireNonNull(value, "authentication");
      return this;
    }

    /** A header sent with every request (e.g. {@code OpenAI-Organization}). */
    public Builder header(String name, String value) {
      headers.set(name, value);
      return this;
    }

    public Builder client(OkHttpClient value) {
      client = value;
      return this;
    }

    public Builder timeouts(Timeouts value) {
      timeouts = Objects.requireNonNull(value, "timeouts");
      return this;
    }

    public Builder retry(RetrySettings value) {
      retry = Objects.requireNonNull(value, "retry");
      return this;
    }

    /** The largest single stream event (SSE event or NDJSON line) accepted (default 1 MiB); larger ones fail with a typed error. */
    public Builder maxEventBytes(long value) {
      if (value < 1024) {
        throw new IllegalArgumentException("maxEventBytes must be at least 1024, was " + value);
      }
      maxEventBytes = value;
      return this;
    }

    /**
     * How many async calls run at once, each on its own dispatcher thread; more wait in a queue. 0 (the
     * default) means the OkHttp dispatcher's {@code maxRequests} (64 unless the caller's client says
     * otherwise). On a client the SDK creates, the dispatcher's limits are raised to match, and its
     * connection pool keeps that many idle connections (64 by default), so that as many callers
     * as may run at once find a warm connection.
     *
     * <p>On Java 21 and later those threads are virtual, so the limit no longer costs a platform
     * thread per call: it bounds the requests in flight (what the provider and its rate limits see),
     * and is the one setting to raise for thousands of concurrent streams.
     */
    public Builder maxConcurrentRequests(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("maxConcurrentRequests must be >= 0, was " + value);
      }
      maxConcurrentRequests = value;
      return this;
    }

    /** Told about every HTTP attempt, retries included (null: none); see {@link RequestListener}. */
    public Builder requestListener(RequestListener value) {
      requestListener = value;
      return this;
    }

    /** Permit sending a credential (key or token) over plain http to a host that is not this machine. */
    public Builder allowInsecureHttp(boolean value) {
      allowInsecureHttp = value;
      return this;
    }

    /** The clock for HTTP-date {@code Retry-After} values (tests pass a fixed one). */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * @throws IllegalArgumentException when a credential (any scheme but {@link Authentication#none()})
     *     would go over plain http to another host without {@link #allowInsecureHttp(boolean)}
     */
    public HttpTransport build() {
      if (authentication.sendsCredential() && !baseUrl.isHttps() && !isLoopback(baseUrl.host()) && !allowInsecureHttp) {
        throw new IllegalArgumentException(provider + ": refusing to send the API key or token over plain http to " + baseUrl.host()
            + "; use https, or allow it explicitly (allowInsecureHttp / --allow-insecure-http)");
      }
      return new HttpTransport(this);
    }

    static boolean isLoopback(String host) {
      return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }
  }
}
