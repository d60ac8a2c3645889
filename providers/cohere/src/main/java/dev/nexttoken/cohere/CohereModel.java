package dev.nexttoken.cohere;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Environment;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.cohere.internal.ChatRequestBody;
import dev.nexttoken.cohere.internal.ChatResponseBody;
import dev.nexttoken.cohere.internal.CohereWire;
import dev.nexttoken.cohere.internal.LogprobMapper;
import dev.nexttoken.cohere.internal.ModelFamily;
import dev.nexttoken.cohere.internal.RequestMapper;
import dev.nexttoken.cohere.internal.RequestRules;
import dev.nexttoken.cohere.internal.ResponseMapper;
import dev.nexttoken.cohere.internal.StreamMapper;
import dev.nexttoken.cohere.internal.TokenTexts;
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.spi.HttpResult;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.ModelBuilder;
import java.util.EnumMap;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Cohere's chat models through {@code POST /v2/chat}, with the chosen tokens' logprobs and token ids.
 *
 * <pre>{@code
 * try (CohereModel model = CohereModel.fromEnv().build()) {
 *   Completion answer = model.chat(ChatRequest.builder().user("Capital of France?").topLogprobs(0).build());
 * }
 * }</pre>
 *
 * <p><b>What Cohere reports, and what it does not.</b> Each generated token's logprob and id, in
 * streams too. No alternatives: every {@link dev.nexttoken.logprob.TokenLogprob#topLogprobs()} is
 * null (unknown), and asking for {@code topLogprobs > 0} fails before sending. No bytes. Cohere
 * groups tokens by text chunk; a chunk spanning several ids puts its whole text on the last id
 * and {@code ""} on the others unless {@link Builder#tokenTexts(boolean)} asks the tokenizer for
 * each id's own text.
 *
 * <p><b>Usage.</b> {@link Completion#usage()} counts what the model processed
 * ({@code usage.tokens}, chat template included), with {@code usage.cached_tokens} as
 * {@link dev.nexttoken.Usage#cachedTokens()} (null when Cohere leaves it out) and no reasoning
 * count (Cohere documents none: null); the billed units are kept in
 * {@link dev.nexttoken.ResponseMetadata#extras()} as {@code billed_units.input_tokens},
 * {@code billed_units.output_tokens}, ... (and {@code cached_tokens} when reported).
 *
 * <p><b>Finish reasons.</b> {@code COMPLETE} and {@code STOP_SEQUENCE} are {@code STOP},
 * {@code MAX_TOKENS} is {@code LENGTH}, {@code TOOL_CALL} is {@code TOOL_CALLS}, {@code ERROR} is
 * {@code ERROR}, {@code TIMEOUT} and anything else {@code OTHER}; the raw value is kept.
 *
 * <p><b>Tools.</b> Each {@link dev.nexttoken.Tool} is sent as {@code {type:"function",
 * function:{name, description, parameters}}}, its schema written exactly as given; a tool without
 * one is sent with {@code {"type":"object","properties":{}}}, because Cohere requires
 * {@code parameters}. {@link dev.nexttoken.ToolChoice#REQUIRED} and {@code NONE} are
 * {@code tool_choice}, {@code AUTO} is left out (Cohere's default); Cohere cannot be told which
 * tool to call, so a named choice fails before sending, as does a choice for Command R and R+,
 * which predate {@code tool_choice}. A strict tool turns on {@code strict_tools}, which holds every
 * tool of the request to its schema: mixing tools that ask for strictness with tools that
 * explicitly decline it fails before sending. Cohere calls several tools in one turn on its own and
 * has no switch for it. The answer's calls keep their {@code arguments} text as Cohere sent it;
 * tool-call tokens carry no logprobs. A tool result goes back as {@code {role:"tool",
 * tool_call_id, content}} and needs the call's id.
 *
 * <p><b>Reasoning.</b> The {@code tool_plan} (the model's plan before it calls tools) and
 * {@code thinking} content (Command A Reasoning) are the model's working, not its answer: both go
 * to {@link Completion#reasoning()}, thinking first, never into the text. The plan is not sent back
 * with the assistant turn, which Cohere does not require. Reasoning carries no logprobs.
 *
 * <p><b>Structured output.</b> {@link dev.nexttoken.ResponseFormat} JSON is
 * {@code {type:"json_object"}}, with the schema (if any) as {@code json_schema}; Cohere has no
 * schema name and no strict flag for it. Cohere rejects {@code response_format} together with
 * tools, so that combination fails before sending. The prompt should ask for JSON: without an
 * instruction, JSON mode can run to the token limit on whitespace.
 *
 * <p><b>Images</b> go to vision models only, in user messages, as {@code image_url} parts: a URL,
 * or bytes as a base64 {@code data:} URL. What each model takes is in {@link #capabilities(String)}.
 *
 * <p><b>Completion.</b> Cohere's v2 API has no raw completion route, so {@link #complete} is
 * unsupported unless {@link Builder#completionAsChat(boolean)} opts in to sending the prompt as one
 * user message, which {@link #capabilities()} then states.
 *
 * <p>The v2 response does not name the model, so {@link Completion#model()} is null. Thread-safe;
 * {@link #close()} releases what the model created.
 */
public final class CohereModel extends AbstractLanguageModel {
  /** The API root; versioned paths such as {@code v2/chat} are appended to it. */
  public static final String DEFAULT_BASE_URL = "https://api.cohere.com";

  /** The model used when neither the request nor the builder names one: Cohere's current flagship chat model. */
  public static final String DEFAULT_MODEL = "command-a-03-2025";

  /** The v2 chat ranges Cohere documents; {@code p} is narrower than the neutral (0, 1]. */
  private static final ParameterLimits LIMITS = ParameterLimits.builder()
      .temperature(Range.closed(0, 1.0))
      .topP(Range.closed(0.01, 0.99))
      .topK(Range.integers(0, 500))
      .seed(Range.integers(0, Integer.MAX_VALUE))
      .maxStopSequences(5)
      .build();

  private final Map<ModelFamily, Capabilities> capabilities = new EnumMap<>(ModelFamily.class);
  private final TokenTexts tokenTexts;

  private CohereModel(HttpTransport transport, GenerationOptions defaults, boolean completionAsChat, boolean tokenTexts) {
    super(transport, defaults);
    this.tokenTexts = tokenTexts ? new TokenTexts(transport) : null;
    for (ModelFamily family : ModelFamily.values()) {
      capabilities.put(family, capabilities(family, completionAsChat));
    }
  }

  private static Capabilities capabilities(ModelFamily family, boolean completionAsChat) {
    OperationCapabilities chat = operation(family, true,
        "the chosen tokens' logprobs and ids only: Cohere reports no alternatives (topLogprobs null) and no bytes");
    OperationCapabilities completion = completionAsChat
        ? operation(family, false,
            "not raw continuation: the prompt is sent to /v2/chat as one user message, so the chat template applies")
        : OperationCapabilities.unsupported("Cohere's v2 API has no raw completion route; use chat, "
            + "or opt in with CohereModel.builder().completionAsChat(true) to send the prompt as one user message");
    return Capabilities.builder(CohereWire.PROVIDER).completion(completion).chat(chat).build();
  }

  /**
   * What one family can do. Chosen tokens only: {@code logprobs(0)}, no alternatives. Schemas but
   * no strict schema flag (strictness exists for tools only, as {@code strict_tools}); one answer
   * per call; no logit bias and no reasoning effort (Cohere's {@code thinking} has an on/off switch
   * and a token budget, not an effort), so none are declared.
   */
  private static OperationCapabilities operation(ModelFamily family, boolean chat, String note) {
    OperationCapabilities.Builder b = OperationCapabilities.builder()
        .streaming().logprobs(0).logprobsInStream().tokenIds().limits(LIMITS).maxChoices(1)
        .structuredOutput(family.structuredOutput() ? StructuredOutput.JSON_SCHEMA : StructuredOutput.NONE);
    if (chat && family.tools()) {
      b.tools();
    }
    if (chat && family.images()) {
      b.images(); // http(s) URLs, and bytes as base64 data URLs
    }
    String familyNote = switch (family) {
      case LEGACY -> "a retired model: no tools, images or structured output; ";
      case COMMAND_R -> "Command R and R+ take tools but no tool_choice; ";
      case VISION -> "a vision model: images, but no tools (Cohere: tool use isn't supported with this model); ";
      case AYA -> "an Aya model: no tools, images or structured output documented; ";
      case MULTIMODAL, CURRENT -> "";
    };
    return b.note(familyNote + note).build();
  }

  /** A builder; the API key is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder configured from the system properties and environment:
   *
   * <table>
   *   <caption>Configuration read by fromEnv (a system property beats an environment variable)</caption>
   *   <tr><th>system property</th><th>environment variable</th><th>sets</th></tr>
   *   <tr><td>{@code cohere.apiKey}</td><td>{@code CO_API_KEY}</td><td>{@link Builder#apiKey}</td></tr>
   *   <tr><td>{@code cohere.baseUrl}</td><td>{@code CO_API_URL}</td><td>{@link Builder#baseUrl}</td></tr>
   * </table>
   *
   * <p>The key is sent as {@code Authorization: Bearer}; {@link Builder#authentication(dev.nexttoken.Authentication)} sets another
   * scheme instead (a token provider behind a gateway, say).
   */
  public static Builder fromEnv() {
    return fromEnv(Environment.system());
  }

  /** {@link #fromEnv()} reading from {@code env}. */
  public static Builder fromEnv(Environment env) {
    Builder builder = builder();
    String key = env.get("cohere.apiKey", "CO_API_KEY");
    if (key != null) {
      builder.apiKey(key);
    }
    String url = env.get("cohere.baseUrl", "CO_API_URL");
    if (url != null) {
      builder.baseUrl(url);
    }
    return builder;
  }

  /** The capabilities of the default model ({@link Builder#model}, else {@link #DEFAULT_MODEL}). */
  @Override
  public Capabilities capabilities() {
    return capabilities(defaults().model());
  }

  /**
   * What {@code model} can take, by Cohere's model pages: tools for Command R and later (with
   * {@code tool_choice} from Command R7B on), JSON schemas for the same models, images for the
   * vision models (Command A Vision, Aya Vision) and Command A+, none of these for retired and Aya
   * text models. A name Cohere has not documented is taken to be a current Command model.
   */
  @Override
  public Capabilities capabilities(String model) {
    return capabilities.get(ModelFamily.of(model));
  }

  @Override
  protected Completion doChat(ChatRequest request) {
    RequestRules.check(request);
    return send(RequestMapper.chat(request, false), request.options());
  }

  @Override
  protected CompletionStream doChatStreaming(ChatRequest request) {
    RequestRules.check(request);
    return open(RequestMapper.chat(request, true), request.options());
  }

  /** Reached only with {@link Builder#completionAsChat(boolean)}: otherwise capabilities declare completion unsupported. */
  @Override
  protected Completion doComplete(CompletionRequest request) {
    return send(RequestMapper.promptAsChat(request.prompt(), request.options(), false), request.options());
  }

  @Override
  protected CompletionStream doCompleteStreaming(CompletionRequest request) {
    return open(RequestMapper.promptAsChat(request.prompt(), request.options(), true), request.options());
  }

  private Completion send(ChatRequestBody body, GenerationOptions options) {
    HttpResult result = transport.postJson(CohereWire.CHAT_PATH, body);
    ChatResponseBody response = Json.read(result.body(), ChatResponseBody.class, CohereWire.PROVIDER, "a Cohere v2 chat response");
    boolean logprobs = options.logprobsOrNone().enabled();
    return ResponseMapper.completion(response, result.metadata(), logprobs, new LogprobMapper(tokenTexts, options.model()));
  }

  private CompletionStream open(ChatRequestBody body, GenerationOptions options) {
    boolean logprobs = options.logprobsOrNone().enabled();
    StreamMapper mapper = new StreamMapper(logprobs, new LogprobMapper(tokenTexts, options.model()));
    return transport.openStream(CohereWire.CHAT_PATH, body, HttpTransport.Framing.SERVER_SENT_EVENTS, mapper);
  }

  /** Builds a {@link CohereModel}. */
  public static final class Builder extends ModelBuilder<Builder> {
    private String clientName;
    private boolean tokenTexts;
    private boolean completionAsChat;

    Builder() {}

    /** Sent as {@code X-Client-Name} with every request, so Cohere can tell your application's traffic apart. */
    public Builder clientName(String value) {
      clientName = value;
      return this;
    }

    /**
     * Look up each token id's own text with {@code POST /v1/detokenize} where a logprob item spans
     * several ids (default false). Costs one request per id not yet seen for the model (ids are
     * cached per model), counted against the account's rate limits; the tokens' texts then need
     * not add up to the generated text exactly (a partial multi-byte character has no text of its own).
     */
    public Builder tokenTexts(boolean value) {
      tokenTexts = value;
      return this;
    }

    /**
     * Offer {@link CohereModel#complete} by sending the prompt to {@code /v2/chat} as one user
     * message (default false: completion is unsupported). The model then answers the prompt as a
     * chat turn rather than continuing it; capabilities say so.
     */
    public Builder completionAsChat(boolean value) {
      completionAsChat = value;
      return this;
    }

    /**
     * @throws AuthenticationException when neither an API key nor an {@link #authentication(dev.nexttoken.Authentication) authentication} was set
     * @throws IllegalArgumentException for a base URL that is not http(s)
     */
    public CohereModel build() {
      if (authentication() == null) {
        throw new AuthenticationException(
            "cohere: no API key; set it with apiKey(...), or with CO_API_KEY (or -Dcohere.apiKey) and fromEnv()",
            ErrorDetails.of(CohereWire.PROVIDER));
      }
      if (baseUrl() != null) {
        baseUrl(apiRoot(baseUrl()));
      }
      HttpTransport.Builder transport = transport(CohereWire.PROVIDER, DEFAULT_BASE_URL);
      if (clientName != null && !clientName.isBlank()) {
        transport.header("X-Client-Name", clientName);
      }
      GenerationOptions defaults = defaults().model() != null
          ? defaults()
          : GenerationOptions.builder().options(defaults()).model(DEFAULT_MODEL).build();
      return new CohereModel(transport.build(), defaults, completionAsChat, tokenTexts);
    }

    /**
     * The API root for {@code url}: like Cohere's own SDKs, a trailing {@code /v1} on a Cohere
     * host is dropped (an old {@code CO_API_URL} habit), since versions are part of each path.
     */
    static String apiRoot(String url) {
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        return url; // transport() reports it with the provider's name
      }
      boolean cohereHost = parsed.host().endsWith("cohere.com") || parsed.host().endsWith("cohere.ai");
      var segments = parsed.pathSegments();
      int last = segments.size() - 1;
      if (last >= 0 && segments.get(last).isEmpty()) {
        last--;
      }
      if (cohereHost && last >= 0 && segments.get(last).equals("v1")) {
        HttpUrl.Builder b = parsed.newBuilder();
        for (int i = segments.size() - 1; i >= last; i--) {
          b.removePathSegment(i);
        }
        return b.build().toString();
      }
      return url;
    }
  }
}
