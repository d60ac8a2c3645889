package dev.nexttoken.gemini;

import dev.nexttoken.Authentication;
import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Environment;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.gemini.internal.GeminiWire;
import dev.nexttoken.gemini.internal.GenerateResponseBody;
import dev.nexttoken.gemini.internal.RequestMapper;
import dev.nexttoken.gemini.internal.ResponseMapper;
import dev.nexttoken.gemini.internal.StreamMapper;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.ModelBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Google's Gemini models through the Gemini API ({@code models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}), with the chosen tokens' logprobs, up to 20 alternatives
 * and token ids; the same wire on Vertex AI through {@link #vertex(String, String)}.
 *
 * <pre>{@code
 * try (GeminiModel model = GeminiModel.fromEnv().model("gemini-2.0-flash").build()) {
 *   Completion answer = model.chat(ChatRequest.builder().user("Capital of France?").topLogprobs(3).build());
 * }
 * }</pre>
 *
 * <p><b>Logprobs.</b> {@code generationConfig.responseLogprobs} and {@code logprobs} (the number of
 * alternatives, sent only when positive). Each generated token's text, id and logprob, streamed or
 * not; no bytes. An alternatives list is Gemini's top list for that step, which need not contain
 * the chosen token; Gemini's placeholder for alternatives without probability ({@code -1.2676506e30})
 * reads as negative infinity. The candidate's {@code avgLogprobs} and {@code logProbabilitySum} are
 * kept in {@link dev.nexttoken.ResponseMetadata#extras()} of a blocking answer (a stream's events
 * report them per event, so a collected stream has neither). Which models give logprobs changes
 * over time and differs between the Gemini API and Vertex AI: on the Gemini API the
 * {@code gemini-2.5-*} models are known to refuse them ({@code "Logprobs is not enabled for models/…"}),
 * so {@link #capabilities(String)} says so and such a request fails before sending; any other
 * refusal comes back as an {@link InvalidRequestException} (HTTP 400, not retried) that says the
 * model gives no logprobs. Streamed logprobs (a {@code logprobsResult} on each event) are what the
 * format defines, but were not confirmed against the live Gemini API when this was written (on
 * Vertex AI they are reported to fail, so the Vertex variant refuses them); a refusal is the same 400.
 *
 * <p><b>Messages.</b> Gemini has the roles {@code user} and {@code model} (the assistant); system and
 * developer messages become {@code systemInstruction}, in order.
 *
 * <p><b>Finish reasons.</b> {@code STOP} (also after a stop sequence) is {@code STOP},
 * {@code MAX_TOKENS} is {@code LENGTH}; {@code SAFETY}, {@code RECITATION}, {@code BLOCKLIST},
 * {@code PROHIBITED_CONTENT}, {@code SPII} and the image filters are {@code CONTENT_FILTER};
 * {@code MALFORMED_FUNCTION_CALL} is {@code ERROR}; anything else {@code OTHER}. The raw value is
 * kept, and {@code finishMessage} is the extra {@code "finishMessage"}. A blocked prompt (no
 * candidate) finishes with its {@code promptFeedback.blockReason} as the raw value
 * ({@code CONTENT_FILTER}, or {@code OTHER} for {@code OTHER}), also the extra
 * {@code "promptFeedback.blockReason"}.
 *
 * <p><b>Usage.</b> {@code promptTokenCount}, {@code candidatesTokenCount} (the completion tokens;
 * thinking tokens are not in it), {@code totalTokenCount}, {@code cachedContentTokenCount} as
 * {@link dev.nexttoken.Usage#cachedTokens()}, {@code thoughtsTokenCount} as
 * {@link dev.nexttoken.Usage#reasoningTokens()}; a stream's last (cumulative) figures.
 *
 * <p><b>Errors.</b> Gemini's body {@code {"error":{"code","message","status","details"}}}: the
 * exception's code is the {@code status} ({@code INVALID_ARGUMENT}, {@code RESOURCE_EXHAUSTED}, ...),
 * and a {@code google.rpc.RetryInfo} detail's {@code retryDelay} is the wait before a retry when no
 * {@code Retry-After} header gives one. {@code RESOURCE_EXHAUSTED} (HTTP 429) is a rate limit, retried
 * within the retry settings: Google uses it for per-minute and per-day quotas alike.
 *
 * <p><b>Completion.</b> Gemini has no raw prompt continuation; {@link #complete} is unsupported.
 *
 * <p><b>Vertex AI.</b> {@link #vertex(String, String)} sends the same bodies to
 * {@code https://{location}-aiplatform.googleapis.com/v1beta1/projects/{project}/locations/{location}/publishers/google/models/{model}:…},
 * authenticated with {@link Authentication#bearerTokens} (OAuth2 access tokens; an express-mode API
 * key goes as {@code x-goog-api-key} like the Gemini API's). What differs: logprobs only without
 * streaming (the streamed call is reported to fail, so it is refused before sending), no
 * per-model logprob refusals known beforehand (a refusal is the server's 400), no
 * {@code logProbabilitySum}, a daily quota on logprob requests (HTTP 429), error bodies that may
 * come wrapped in a one-element array (read alike), and Vertex-only request fields ({@code labels},
 * {@code routingConfig}) that this SDK does not send.
 *
 * <p>Thread-safe; {@link #close()} releases what the model created.
 */
public final class GeminiModel extends AbstractLanguageModel {
  /** The Gemini API, up to and including its version; {@code models/…} paths are appended to it. */
  public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

  /** The model used when neither the request nor the builder names one: a current model that gives logprobs. */
  public static final String DEFAULT_MODEL = "gemini-2.0-flash";

  /** The header the Gemini API reads an API key from. */
  public static final String API_KEY_HEADER = "x-goog-api-key";

  /** The model names (prefixes) the Gemini API is known to refuse logprobs for. */
  private static final List<String> NO_LOGPROBS_ON_GEMINI_API = List.of("gemini-2.5-");

  /** The ranges Gemini documents: temperature 0–2, at most 5 stop sequences, an int32 seed. */
  private static final ParameterLimits LIMITS = ParameterLimits.builder()
      .temperature(Range.closed(0, 2.0))
      .topP(Range.openClosed(0, 1))
      .topK(Range.integersAtLeast(1))
      .seed(Range.integers(Integer.MIN_VALUE, Integer.MAX_VALUE))
      .maxStopSequences(5)
      .build();

  private static final OperationCapabilities COMPLETION = OperationCapabilities.unsupported(
      "Gemini has no raw prompt continuation; use chat");

  private final boolean vertex;
  private final Capabilities capabilities;

  private GeminiModel(HttpTransport transport, GenerationOptions defaults, boolean vertex) {
    super(transport, defaults);
    this.vertex = vertex;
    OperationCapabilities.Builder chat = OperationCapabilities.builder().streaming().logprobs(20).tokenIds().limits(LIMITS);
    if (vertex) {
      chat.note("Vertex AI generateContent; logprobs (up to 20 alternatives, token ids, no bytes) only without streaming");
    } else {
      chat.logprobsInStream().note("Gemini API generateContent; logprobs with up to 20 alternatives and token ids, no bytes");
    }
    this.capabilities = Capabilities.builder(GeminiWire.PROVIDER).completion(COMPLETION).chat(chat.build()).build();
  }

  private static Capabilities withoutLogprobs(String model) {
    return Capabilities.builder(GeminiWire.PROVIDER).completion(COMPLETION)
        .chat(OperationCapabilities.builder().streaming().limits(LIMITS)
            .note("the Gemini API refuses logprobs for " + model + " (\"Logprobs is not enabled for models/...\"); "
                + "ask without logprobs, use another model, or use Vertex AI").build())
        .build();
  }

  /** A builder for the Gemini API; an API key (or an {@link Builder#authentication authentication}) is required. */
  public static Builder builder() {
    return new Builder(false);
  }

  /**
   * A builder for Gemini on Vertex AI in {@code project} and {@code location} ({@code us-central1},
   * ..., or {@code global}); set {@link Builder#authentication(Authentication)} to
   * {@link Authentication#bearerTokens} with a source of OAuth2 access tokens (or an express-mode
   * {@link Builder#apiKey}). A {@link Builder#baseUrl} set later replaces the URL built here.
   */
  public static Builder vertex(String project, String location) {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(location, "location");
    String host = location.equals("global") ? "aiplatform.googleapis.com" : location + "-aiplatform.googleapis.com";
    Builder builder = new Builder(true);
    builder.baseUrl("https://" + host + "/v1beta1/projects/" + project + "/locations/" + location + "/publishers/google");
    return builder;
  }

  /**
   * A Gemini API builder configured from the system properties and environment:
   *
   * <table>
   *   <caption>Configuration read by fromEnv (a system property beats an environment variable)</caption>
   *   <tr><th>system property</th><th>environment variable</th><th>sets</th></tr>
   *   <tr><td>{@code gemini.apiKey}</td><td>{@code GEMINI_API_KEY}, then {@code GOOGLE_API_KEY}</td><td>{@link Builder#apiKey}</td></tr>
   *   <tr><td>{@code gemini.baseUrl}</td><td>{@code GEMINI_BASE_URL}</td><td>{@link Builder#baseUrl}, up to and including the version ({@code /v1beta})</td></tr>
   * </table>
   *
   * <p>The key is sent as {@code x-goog-api-key}, never in the URL.
   */
  public static Builder fromEnv() {
    return fromEnv(Environment.system());
  }

  /** {@link #fromEnv()} reading from {@code env}. */
  public static Builder fromEnv(Environment env) {
    Builder builder = builder();
    String key = env.get("gemini.apiKey", "GEMINI_API_KEY");
    if (key == null) {
      key = env.get("gemini.apiKey", "GOOGLE_API_KEY");
    }
    if (key != null) {
      builder.apiKey(key);
    }
    String url = env.get("gemini.baseUrl", "GEMINI_BASE_URL");
    if (url != null) {
      builder.baseUrl(url);
    }
    return builder;
  }

  /** What Gemini offers with a model that gives logprobs; {@link #capabilities(String)} narrows it to one model. */
  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  /** On the Gemini API, no logprobs for the models known to refuse them ({@code gemini-2.5-*}); otherwise {@link #capabilities()}. */
  @Override
  public Capabilities capabilities(String model) {
    if (vertex || model == null) {
      return capabilities;
    }
    String name = model.toLowerCase(Locale.ROOT);
    name = name.startsWith("models/") ? name.substring("models/".length()) : name;
    for (String prefix : NO_LOGPROBS_ON_GEMINI_API) {
      if (name.startsWith(prefix)) {
        return withoutLogprobs(model);
      }
    }
    return capabilities;
  }

  /** Whether this model talks to Vertex AI. */
  public boolean isVertex() {
    return vertex;
  }

  @Override
  protected Completion doChat(ChatRequest request) {
    int top = topLogprobs(request.options());
    try {
      return transport.postJson(GeminiWire.generatePath(request.options().model()), RequestMapper.chat(request), (body, metadata) ->
          ResponseMapper.completion(Json.read(body, GenerateResponseBody.class, GeminiWire.PROVIDER, "a Gemini generateContent response"),
              metadata, top));
    } catch (InvalidRequestException e) {
      throw logprobsRefused(e, top);
    }
  }

  @Override
  protected CompletionStream doChatStreaming(ChatRequest request) {
    int top = topLogprobs(request.options());
    try {
      return transport.openStream(GeminiWire.streamPath(request.options().model()), RequestMapper.chat(request),
          HttpTransport.Framing.SERVER_SENT_EVENTS, new StreamMapper(top));
    } catch (InvalidRequestException e) {
      throw logprobsRefused(e, top);
    }
  }

  /** Never reached: capabilities declare completion unsupported. */
  @Override
  protected Completion doComplete(CompletionRequest request) {
    throw new UnsupportedOperationException("Gemini has no completion");
  }

  @Override
  protected CompletionStream doCompleteStreaming(CompletionRequest request) {
    throw new UnsupportedOperationException("Gemini has no completion");
  }

  private static int topLogprobs(GenerationOptions options) {
    LogprobsOption logprobs = options.logprobsOrNone();
    return logprobs.enabled() ? logprobs.topLogprobs() : -1;
  }

  /**
   * Gemini's 400 for a model without logprobs ({@code "Logprobs is not enabled for models/…"},
   * {@code "… not supported for the current model"}), said plainly; any other 400 as it came.
   */
  private static InvalidRequestException logprobsRefused(InvalidRequestException e, int top) {
    String message = e.details().providerMessage();
    if (top < 0 || message == null || !message.toLowerCase(Locale.ROOT).contains("logprobs is not")) {
      return e;
    }
    return new InvalidRequestException(e.getMessage() + " - this model gives no logprobs here; ask without logprobs", e.details(), e);
  }

  /** Builds a {@link GeminiModel}. */
  public static final class Builder extends ModelBuilder<Builder> {
    private final boolean vertex;

    Builder(boolean vertex) {
      this.vertex = vertex;
    }

    /** The Gemini API's key header ({@code x-goog-api-key}); Vertex AI's express mode reads the same one. */
    @Override
    protected Authentication apiKeyAuthentication(String key) {
      return Authentication.header(API_KEY_HEADER, key);
    }

    /**
     * @throws AuthenticationException when neither an API key nor an {@link #authentication(Authentication) authentication} was set
     * @throws IllegalArgumentException for a base URL that is not http(s)
     */
    public GeminiModel build() {
      if (authentication() == null) {
        throw new AuthenticationException(vertex
            ? "gemini: no credential for Vertex AI; set authentication(Authentication.bearerTokens(...)) with OAuth2 access tokens"
            : "gemini: no API key; set it with apiKey(...), or with GEMINI_API_KEY (or GOOGLE_API_KEY, or -Dgemini.apiKey) and fromEnv()",
            ErrorDetails.of(GeminiWire.PROVIDER));
      }
      HttpTransport.Builder transport = transport(GeminiWire.PROVIDER, DEFAULT_BASE_URL);
      GenerationOptions defaults = defaults().model() != null
          ? defaults()
          : GenerationOptions.builder().options(defaults()).model(DEFAULT_MODEL).build();
      return new GeminiModel(transport.build(), defaults, vertex);
    }
  }
}
