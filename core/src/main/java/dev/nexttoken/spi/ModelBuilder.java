package dev.nexttoken.spi;

import dev.nexttoken.Authentication;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.RequestListener;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.Timeouts;
import dev.nexttoken.internal.StreamLimits;
import java.time.Clock;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The settings every HTTP provider's builder shares, so that each provider spells them one way:
 * API key or authentication, base URL, a shared {@link OkHttpClient}, timeouts, retries, default
 * options.
 *
 * <p>A provider whose API key does not go in {@code Authorization: Bearer} says so once, by
 * overriding {@link #apiKeyAuthentication(String)}; a user who needs another scheme (a token
 * provider, no credential) sets {@link #authentication(Authentication)}.
 *
 * @param <B> the provider's builder, returned from each setter
 */
public abstract class ModelBuilder<B extends ModelBuilder<B>> {
  private Authentication authentication;
  private String baseUrl;
  private OkHttpClient httpClient;
  private Timeouts timeouts = Timeouts.DEFAULT;
  private RetrySettings retry = RetrySettings.DEFAULT;
  private GenerationOptions defaults = GenerationOptions.EMPTY;
  private long maxEventBytes = StreamLimits.DEFAULT_MAX_EVENT_BYTES;
  private boolean allowInsecureHttp;
  private Clock clock = Clock.systemUTC();
  private int maxConcurrentRequests;
  private RequestListener requestListener;

  protected ModelBuilder() {}

  @SuppressWarnings("unchecked")
  protected final B self() {
    return (B) this;
  }

  /**
   * The API key, sent the provider's way ({@link #apiKeyAuthentication(String)}); never shown by
   * {@code toString()}, messages or logs. Replaces an {@link #authentication(Authentication)} set
   * before, as that replaces this; null unsets both.
   *
   * @throws IllegalArgumentException for a blank key or one that cannot go in a header (the message does not repeat it)
   */
  public B apiKey(String value) {
    authentication = value == null ? null : apiKeyAuthentication(value);
    return self();
  }

  /**
   * How requests authenticate, for schemes beyond the provider's API key: short-lived tokens
   * ({@link Authentication#bearerTokens}), a key in another header, or {@link Authentication#none()}.
   * Replaces an {@link #apiKey(String)} set before.
   */
  public B authentication(Authentication value) {
    authentication = value;
    return self();
  }

  /** How this provider sends an API key: {@code Authorization: Bearer} unless a provider overrides it. */
  protected Authentication apiKeyAuthentication(String key) {
    return Authentication.bearer(key);
  }

  /** Overrides the provider's base URL; a path prefix in it is kept. */
  public B baseUrl(String value) {
    baseUrl = value;
    return self();
  }

  /** Shares the caller's client (pool, threads); it is not closed by the model. */
  public B httpClient(OkHttpClient value) {
    httpClient = value;
    return self();
  }

  public B timeouts(Timeouts value) {
    timeouts = Objects.requireNonNull(value, "timeouts");
    return self();
  }

  public B retry(RetrySettings value) {
    retry = Objects.requireNonNull(value, "retry");
    return self();
  }

  /** Retries after the first attempt (default 2). */
  public B maxRetries(int value) {
    retry = retry.withMaxRetries(value);
    return self();
  }

  /** Options used for every field a request leaves unset. */
  public B defaults(GenerationOptions value) {
    defaults = Objects.requireNonNull(value, "defaults");
    return self();
  }

  /** The default model, used when a request names none. */
  public B model(String value) {
    defaults = GenerationOptions.builder().options(defaults).model(value).build();
    return self();
  }

  /** The largest single stream event accepted (default 1 MiB). */
  public B maxEventBytes(long value) {
    maxEventBytes = value;
    return self();
  }

  /**
   * How many async calls ({@code *Async}) run at once; more wait in a queue. 0 (the default) means the
   * OkHttp dispatcher's {@code maxRequests}: 64, or what a shared client's dispatcher says. On Java 21
   * and later the SDK's own client runs them on virtual threads, so the limit bounds requests in
   * flight rather than threads: set it to 10,000 for 10,000 concurrent streams.
   */
  public B maxConcurrentRequests(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("maxConcurrentRequests must be >= 0, was " + value);
    }
    maxConcurrentRequests = value;
    return self();
  }

  /** Permit sending the API key or token over plain http to a host that is not this machine. */
  public B allowInsecureHttp(boolean value) {
    allowInsecureHttp = value;
    return self();
  }

  /**
   * Told about every HTTP attempt, retries included, on the calling thread (null: none): how a
   * tracer shows a call's attempts ({@code NextTokenTelemetry.requestListener()} in
   * nexttoken-opentelemetry). Request logging needs none: it is the {@code dev.nexttoken.http} logger.
   */
  public B requestListener(RequestListener value) {
    requestListener = value;
    return self();
  }

  /** The clock for HTTP-date {@code Retry-After} values. */
  public B clock(Clock value) {
    clock = Objects.requireNonNull(value, "clock");
    return self();
  }

  /** The API key's or the explicit authentication, or null when neither was set. */
  protected Authentication authentication() {
    return authentication;
  }

  protected GenerationOptions defaults() {
    return defaults;
  }

  /** The base URL that was set, or null. */
  protected String baseUrl() {
    return baseUrl;
  }

  /**
   * A transport builder with every shared setting applied.
   *
   * @param defaultBaseUrl used when no base URL was set
   * @throws IllegalArgumentException for a base URL that is not an http(s) URL
   */
  protected HttpTransport.Builder transport(String provider, String defaultBaseUrl) {
    String url = baseUrl != null ? baseUrl : defaultBaseUrl;
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException(provider + ": base URL is not an http(s) URL: " + url);
    }
    return HttpTransport.builder(provider, parsed)
        .authentication(authentication == null ? Authentication.none() : authentication)
        .client(httpClient)
        .timeouts(timeouts)
        .retry(retry)
        .maxEventBytes(maxEventBytes)
        .allowInsecureHttp(allowInsecureHttp)
        .maxConcurrentRequests(maxConcurrentRequests)
        .requestListener(requestListener)
        .clock(clock);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[baseUrl=" + baseUrl + (authentication == null ? "" : ", " + authentication) + "]";
  }
}
