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
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.gemini.internal.CombinationRules;
import dev.nexttoken.gemini.internal.GeminiCapabilities;
import dev.nexttoken.gemini.internal.GeminiFamily;
import dev.nexttoken.gemini.internal.GeminiWire;
import dev.nexttoken.gemini.internal.GenerateRequestBody;
import dev.nexttoken.gemini.internal.GenerateResponseBody;
import dev.nexttoken.gemini.internal.RequestMapper;
import dev.nexttoken.gemini.internal.ResponseMapper;
import dev.nexttoken.gemini.internal.StreamMapper;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.ModelBuilder;
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
 * developer messages become {@code systemInstruction}, in order. Images go as {@code inlineData}
 * (bytes, {@code data:} URLs) or {@code fileData} (other URLs, with the media type their extension
 * names); the Gemini API fetches public and signed https URLs since January 2026 (older models
 * may refuse them), Vertex AI also {@code gs://} ones.
 *
 * <p><b>Tools.</b> Tools are {@code functionDeclarations} with their JSON Schema as
 * {@code parametersJsonSchema}, exactly as given; tool choice is
 * {@code toolConfig.functionCallingConfig.mode} ({@code REQUIRED} is {@code ANY}, a named tool is
 * {@code ANY} with that name allowed). Gemini has no switch for parallel calls, so
 * {@code parallelToolCalls} is refused. The model's calls are {@code functionCall} parts whose
 * {@code args} is an object: {@link dev.nexttoken.ToolCall#arguments()} is that object written as
 * compact JSON, keys in the order received, numbers as Jackson writes them (normalised, not the
 * server's bytes); the call id is Gemini's optional {@code id}, often absent. A turn that calls
 * functions finishes with raw {@code STOP}, reported as {@code TOOL_CALLS}. Sent back, calls are
 * {@code functionCall} parts of a {@code model} turn (their arguments must be a JSON object,
 * checked before sending), and results are {@code functionResponse} parts of a {@code user} turn:
 * the result text itself when it is a JSON object, else {@code {"output": text}}, named by the
 * result's tool name or the name of the earlier call with its id. In a stream each call arrives
 * whole. Thinking models (every Gemini 3 model, 2.5 ones while thinking) put an opaque
 * {@code thoughtSignature} on a call's part (of parallel calls, on the first): it is kept in
 * {@link dev.nexttoken.ToolCall#providerData()} under {@code "thoughtSignature"}, streamed or not,
 * and sent back beside the call, unchanged, when the call returns in the conversation
 * ({@link dev.nexttoken.Message#assistant(Completion)} keeps it). Gemini 3 refuses a conversation
 * whose calls of the current turn lack it ("Function call is missing a thought_signature"), so
 * calls written by hand for such a model are the server's 400.
 *
 * <p><b>Structured output.</b> A JSON answer is {@code responseMimeType: "application/json"},
 * with a schema as {@code responseJsonSchema} (JSON Schema as given); there is no strict flag.
 * Before Gemini 3, a JSON answer cannot go with tools, which is refused before sending.
 *
 * <p><b>Reasoning.</b> A reasoning effort (2.5 and later) becomes {@code thinkingConfig} with
 * {@code includeThoughts}: {@code thinkingLevel} for Gemini 3 (the effort's name), a
 * {@code thinkingBudget} for 2.5 (512, 1,024, 8,192, 24,576 tokens from minimal to high).
 * Thought parts ({@code thought: true}) are the answer's {@link Completion#reasoning()}, never its
 * text; their tokens are {@code thoughtsTokenCount}.
 *
 * <p><b>Choices.</b> {@code choices(n)} is {@code candidateCount}, up to 8 before Gemini 3 and 1
 * from it; the candidates after index 0 are {@link Completion#otherChoices()}. Streamed, an event
 * may carry pieces of several candidates: each is a chunk of its own {@link dev.nexttoken.Chunk#choice()},
 * and the collected stream has the same choices.
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

  private final boolean vertex;
  private final Capabilities capabilities;

  private GeminiModel(HttpTransport transport, GenerationOptions defaults, boolean vertex) {
    super(transport, defaults);
    this.vertex = vertex;
    this.capabilities = GeminiCapabilities.any(vertex);
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

  /** The most any Gemini model offers here (logprobs, reasoning effort, 8 choices); {@link #capabilities(String)} narrows it to one model. */
  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  /**
   * What {@code model} offers, by its family (see the class description): reasoning effort for
   * 2.5 and later, up to 8 choices before Gemini 3 and 1 from it, no logprobs for 2.5 on the Gemini
   * API. A name this SDK cannot place ({@code gemini-flash-latest}, a tuned model) gets what the
   * oldest models take, so nothing is sent that such a model rejects; null gets {@link #capabilities()}.
   */
  @Override
  public Capabilities capabilities(String model) {
    return model == null ? capabilities : GeminiCapabilities.of(GeminiFamily.of(model), vertex, model);
  }

  /** Whether this model talks to Vertex AI. */
  public boolean isVertex() {
    return vertex;
  }

  @Override
  protected Completion doChat(ChatRequest request) {
    int top = topLogprobs(request.options());
    GenerateRequestBody body = body(request);
    try {
      return transport.postJson(GeminiWire.generatePath(request.options().model()), body, (response, metadata) ->
          ResponseMapper.completion(Json.read(response, GenerateResponseBody.class, GeminiWire.PROVIDER, "a Gemini generateContent response"),
              metadata, top));
    } catch (InvalidRequestException e) {
      throw logprobsRefused(e, top);
    }
  }

  @Override
  protected CompletionStream doChatStreaming(ChatRequest request) {
    int top = topLogprobs(request.options());
    GenerateRequestBody body = body(request);
    try {
      return transport.openStream(GeminiWire.streamPath(request.options().model()), body,
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

  /** The body, after the combinations Gemini refuses were refused (capabilities covered each option alone). */
  private static GenerateRequestBody body(ChatRequest request) {
    GeminiFamily family = GeminiFamily.of(request.options().model());
    CombinationRules.check(request, family);
    return RequestMapper.chat(request, family);
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
