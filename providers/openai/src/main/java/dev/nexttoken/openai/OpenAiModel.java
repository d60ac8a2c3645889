package dev.nexttoken.openai;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Environment;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.openai.internal.CompletionChunkMapper;
import dev.nexttoken.openai.internal.CompletionMapping;
import dev.nexttoken.openai.internal.CompletionResponse;
import dev.nexttoken.openai.internal.CompletionResponseReader;
import dev.nexttoken.openai.internal.LogprobCap;
import dev.nexttoken.openai.internal.PromptLogprobScoring;
import dev.nexttoken.openai.internal.RequestMapper;
import dev.nexttoken.openai.internal.ScoreMapping;
import dev.nexttoken.openai.internal.TokenIds;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.HttpResult;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.ModelBuilder;
import dev.nexttoken.wire.openai.ChatWire;
import java.util.function.Supplier;

/**
 * OpenAI, and every server that speaks its protocol (llama.cpp, vLLM, gateways), as a
 * {@link dev.nexttoken.LanguageModel}.
 *
 * <p>Completion uses the legacy {@code POST /v1/completions} ({@code gpt-3.5-turbo-instruct},
 * {@code davinci-002}): up to 5 alternatives per token, and the prompt's own logprobs with
 * {@link CompletionRequest#echoPrompt()} (not while streaming), which also serves
 * {@link #score(ScoreRequest)}. Chat uses
 * {@code POST /v1/chat/completions}: up to 20 alternatives, with token bytes. Token ids are not
 * reported by OpenAI (llama.cpp's are passed through). OpenAI has no sampling parameter top-k:
 * setting one fails before sending, as does any value outside OpenAI's documented ranges, and a
 * request a model cannot serve ({@link #capabilities(String)}: logprobs from a reasoning model,
 * completion from a chat model). Streams ask for usage ({@code stream_options.include_usage})
 * unless {@link Builder#includeUsageInStreams(boolean)} turns it off.
 *
 * <p>A chat refusal ({@code content} null, {@code refusal} set) is returned as the text, with
 * finish reason {@code CONTENT_FILTER} (raw value kept) and the refusal also under the metadata
 * extra {@code "refusal"}. With several choices ({@link GenerationOptions#choices()}, {@code n}) the
 * answer is the choice with index 0 and the others are {@link Completion#otherChoices()}, streamed
 * (chunks name their choice) or not, on both routes. The response's {@code system_fingerprint} is the extra
 * {@code "system_fingerprint"}; the request id ({@code x-request-id}) and the
 * {@code x-ratelimit-*} headers are in {@link dev.nexttoken.ResponseMetadata}.
 *
 * <p>Chat takes tools ({@code tools}, {@code tool_choice}, {@code parallel_tool_calls}; the calls
 * come back in {@link Completion#toolCalls()} with their arguments as the text OpenAI sent, streamed
 * as fragments joined per call), tool calls and results in the conversation, images (URLs, or bytes
 * sent as {@code data:} URLs), {@code response_format} (JSON, or a JSON schema, strict where asked),
 * {@code reasoning_effort} and {@code logit_bias} (by token id), each where the model has it
 * ({@link #capabilities(String)}). Reasoning text a compatible server shows
 * ({@code reasoning_content}) is {@link Completion#reasoning()}.
 *
 * <p>A vLLM server ({@link #vllm()}, {@link OpenAiDialect#VLLM}) is the provider {@code "vllm"}:
 * chat and completion as above plus sampling top-k, scoring of any model through
 * {@code prompt_logprobs} (with token ids), and its {@code --max-logprobs} cap, learned from its
 * first refusal (an {@link dev.nexttoken.error.UnsupportedCapabilityException} naming the cap) and
 * enforced before sending from then on.
 *
 * <p>Thread-safe; close it to release the connections and threads it created.
 */
public final class OpenAiModel extends AbstractLanguageModel {
  /** The provider name in messages, capabilities and exceptions. */
  public static final String PROVIDER = "openai";

  /** OpenAI's base URL: everything up to and including {@code /v1}. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  /** The provider name of a vLLM server ({@link OpenAiDialect#VLLM}). */
  public static final String VLLM_PROVIDER = "vllm";

  /** vLLM's default base URL ({@code vllm serve} listens on port 8000). */
  public static final String VLLM_DEFAULT_BASE_URL = "http://localhost:8000/v1";

  private static final String COMPLETIONS = "completions";
  private static final String CHAT = "chat/completions";

  private final OpenAiDialect dialect;
  private final ChatWire chat;
  private final boolean includeUsageInStreams;
  private final boolean tokenIds;
  /** vLLM's --max-logprobs as far as known; unused by the other dialects. */
  private final LogprobCap logprobCap;
  private volatile Capabilities vllmCapabilities;

  private OpenAiModel(HttpTransport transport, GenerationOptions defaults, OpenAiDialect dialect, boolean includeUsageInStreams,
      boolean tokenIds, int maxLogprobs) {
    super(transport, defaults);
    this.dialect = dialect;
    this.chat = new ChatWire(RequestMapper.chat(dialect, tokenIds));
    this.includeUsageInStreams = includeUsageInStreams;
    this.tokenIds = tokenIds;
    this.logprobCap = new LogprobCap(maxLogprobs);
  }

  /** A builder with nothing set: no key, OpenAI's base URL. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder for a vLLM server: the {@link OpenAiDialect#VLLM} dialect, base URL {@value #VLLM_DEFAULT_BASE_URL}. */
  public static Builder vllm() {
    return new Builder().dialect(OpenAiDialect.VLLM);
  }

  /**
   * A vLLM builder pre-filled from {@code env}, as {@link #fromEnv(Environment)} does for OpenAI:
   * the API key (the server's {@code --api-key}) from {@code vllm.apiKey} / {@code VLLM_API_KEY},
   * the base URL (up to and including {@code /v1}) from {@code vllm.baseUrl} / {@code VLLM_BASE_URL}.
   */
  public static Builder vllmFromEnv(Environment env) {
    return OpenAiAccount.keyAndBaseUrl(vllm(), env, "vllm", "VLLM");
  }

  /** A builder pre-filled from system properties and environment variables; see {@link #fromEnv(Environment)}. */
  public static Builder fromEnv() {
    return fromEnv(Environment.system());
  }

  /**
   * A builder pre-filled from {@code env}; a system property beats an environment variable, and
   * what is unset stays unset. Explicit builder calls afterwards override both.
   *
   * <table>
   *   <caption>What is read</caption>
   *   <tr><th>setting</th><th>system property</th><th>environment variable</th></tr>
   *   <tr><td>API key</td><td>{@code openai.apiKey}</td><td>{@code OPENAI_API_KEY}</td></tr>
   *   <tr><td>base URL (up to and including {@code /v1})</td><td>{@code openai.baseUrl}</td><td>{@code OPENAI_BASE_URL}</td></tr>
   *   <tr><td>organization</td><td>{@code openai.orgId}</td><td>{@code OPENAI_ORG_ID}</td></tr>
   *   <tr><td>project</td><td>{@code openai.projectId}</td><td>{@code OPENAI_PROJECT_ID}</td></tr>
   * </table>
   *
   * <p>The key is sent as {@code Authorization: Bearer}. For another scheme (Azure OpenAI's
   * {@code api-key} header, short-lived Azure AD tokens) call {@code authentication(...)} afterwards:
   * {@code fromEnv().authentication(Authentication.header("api-key", key))}.
   */
  public static Builder fromEnv(Environment env) {
    Builder builder = OpenAiAccount.keyAndBaseUrl(new Builder(), env, "openai", "OPENAI");
    builder.account.organizationAndProject(env);
    return builder;
  }

  /** What OpenAI offers with some model; {@link #capabilities(String)} narrows it to one. */
  @Override
  public Capabilities capabilities() {
    return dialect == OpenAiDialect.VLLM ? vllmCapabilities() : OpenAiCapabilities.ANY_MODEL;
  }

  /**
   * What {@code model} supports. Talking to OpenAI itself ({@link OpenAiDialect#OPENAI}), models
   * differ, judged by name (a fine-tune's {@code ft:} prefix is ignored):
   *
   * <ul>
   *   <li>{@code gpt-3.5-turbo-instruct}, {@code davinci-002}, {@code babbage-002} (and names starting
   *       with them): legacy completion and scoring, no chat;
   *   <li>reasoning models, which answer a logprobs request with an error, so one is refused before
   *       sending: names starting with {@code o} and a digit ({@code o1}, {@code o1-mini},
   *       {@code o3}, {@code o3-mini}, {@code o4-mini}; not {@code gpt-4o}), and {@code gpt-5},
   *       {@code gpt-5-*}, {@code gpt-5.1*}, {@code gpt-5.2*} (not later versions, reported to give
   *       logprobs): chat without logprobs;
   *   <li>every other name is a chat model ({@code gpt-4o}, {@code gpt-4.1-mini}, ...): chat with
   *       up to 20 alternatives, no completion and no scoring.
   * </ul>
   *
   * Chat features beyond logprobs go by name too: tools everywhere but {@code o1-mini} and
   * {@code o1-preview}; no {@code parallel_tool_calls} switch on the o-series; JSON schemas (strict
   * included) and images except on chat models from before them ({@code gpt-3.5-turbo},
   * {@code gpt-4}, the {@code gpt-4-*-preview}s: JSON mode only; {@code gpt-4-turbo} and
   * {@code gpt-4o-2024-05-13}: images, but JSON mode only) and {@code o3-mini} (no images);
   * reasoning effort on the o-series and gpt-5 ({@code minimal} on gpt-5 only), logit bias everywhere
   * but there. Up to 128 choices ({@code n}) on both routes. {@link OpenAiResponsesModel} reads the
   * same list.
   *
   * A compatible server ({@link OpenAiDialect#COMPATIBLE}) names its models as it likes, so there
   * every model gets {@link #capabilities()}; so does every model of a vLLM server
   * ({@link OpenAiDialect#VLLM}), whose logprob cap is the server's {@code --max-logprobs} once known.
   */
  @Override
  public Capabilities capabilities(String model) {
    return dialect == OpenAiDialect.OPENAI ? OpenAiCapabilities.of(model) : capabilities();
  }

  private Capabilities vllmCapabilities() {
    Capabilities known = vllmCapabilities;
    int cap = logprobCap.current();
    if (known == null || known.chat().maxTopLogprobs() != cap) {
      known = OpenAiCapabilities.vllm(cap, tokenIds);
      vllmCapabilities = known;
    }
    return known;
  }

  /** The dialect in use, as set or as derived from the base URL. */
  public OpenAiDialect dialect() {
    return dialect;
  }

  /** OpenAI needs a model name; a compatible server usually serves one model whatever the name. */
  @Override
  protected boolean requiresModel() {
    return dialect == OpenAiDialect.OPENAI;
  }

  @Override
  protected Completion doComplete(CompletionRequest request) {
    return capped(() -> {
      // The whole body, so that CompletionResponseReader's scan reads it (issue 20).
      HttpResult result = transport.postJson(COMPLETIONS, RequestMapper.completion(request, dialect, false, false, tokenIds));
      CompletionResponse response = Json.read(result.body(), new CompletionResponseReader(), provider(), "an OpenAI completion");
      return ids(CompletionMapping.toCompletion(response, result.metadata(), request, provider()));
    });
  }

  @Override
  protected CompletionStream doCompleteStreaming(CompletionRequest request) {
    LogprobsOption logprobs = request.options().logprobsOrNone();
    return stream(COMPLETIONS, RequestMapper.completion(request, dialect, true, includeUsageInStreams, tokenIds),
        new CompletionChunkMapper(logprobs, provider()));
  }

  @Override
  protected Completion doChat(ChatRequest request) {
    checkEffort(request);
    LogprobsOption logprobs = request.options().logprobsOrNone();
    return capped(() -> ids(chat.completion(transport.postJson(CHAT, chat.body(request, false, false)), logprobs)));
  }

  @Override
  protected CompletionStream doChatStreaming(ChatRequest request) {
    checkEffort(request);
    LogprobsOption logprobs = request.options().logprobsOrNone();
    return stream(CHAT, chat.body(request, true, includeUsageInStreams), chat.streamMapper(logprobs));
  }

  /** An effort value the model lacks, which capabilities cannot tell (they say whether it has one). */
  private void checkEffort(ChatRequest request) {
    String model = request.options().model();
    if (dialect == OpenAiDialect.OPENAI && request.options().reasoningEffort() != null && model != null) {
      ModelFeatures.of(model).checkEffort(provider(), model, request.options().reasoningEffort());
    }
  }

  /**
   * Scores through the legacy {@code /v1/completions}: prompt and text are sent as one input with
   * {@code echo: true}, {@code max_tokens: 0} and {@code logprobs: k}, and the echoed tokens past the
   * prompt are kept (a token straddling the seam counts as the text's). Only legacy completion models
   * can; a chat model gets OpenAI's 404. The input's first token has no logprob (null, not 0), so
   * scoring a text without a prompt leaves its first token out of the statistics.
   *
   * <p>On vLLM ({@link OpenAiDialect#VLLM}) any model can: the input goes with {@code echo: true},
   * {@code prompt_logprobs: k} and {@code max_tokens: 1}, and the scores are read from
   * {@code prompt_logprobs}, keyed by token id (so scored tokens and alternatives carry ids), with the
   * same seam rule. A beginning-of-sequence token reads no text and is not reported.
   */
  @Override
  protected ScoredText doScore(ScoreRequest request) {
    if (dialect == OpenAiDialect.VLLM) {
      // vLLM: prompt_logprobs keyed by token id, for any model; see PromptLogprobScoring.
      return capped(() -> transport.postJson(COMPLETIONS, RequestMapper.score(request, dialect), (body, metadata) ->
          PromptLogprobScoring.toScored(Json.read(body, CompletionResponse.class, provider(), "a vLLM completion"), metadata, request)));
    }
    return transport.postJson(COMPLETIONS, RequestMapper.score(request, dialect), (body, metadata) ->
        ScoreMapping.toScored(Json.read(body, CompletionResponse.class, provider(), "an OpenAI completion"), metadata, request));
  }

  private CompletionStream stream(String path, Object body, EventMapper mapper) {
    EventMapper reading = dialect == OpenAiDialect.VLLM ? TokenIds.reading(mapper) : mapper;
    return capped(() -> transport.openStream(path, body, HttpTransport.Framing.SERVER_SENT_EVENTS, reading));
  }

  /** vLLM's {@code token_id:N} tokens read as ids; other dialects' answers as they are. */
  private Completion ids(Completion completion) {
    return dialect == OpenAiDialect.VLLM ? TokenIds.read(completion) : completion;
  }

  /** Runs a call; a vLLM server's refusal of too many logprobs becomes a capability error, its cap remembered. */
  private <T> T capped(Supplier<T> call) {
    if (dialect != OpenAiDialect.VLLM) {
      return call.get();
    }
    try {
      return call.get();
    } catch (InvalidRequestException e) {
      throw logprobCap.translate(e);
    }
  }

  /** Builds an {@link OpenAiModel}; see {@link ModelBuilder} for the settings every provider shares. */
  public static final class Builder extends ModelBuilder<Builder> {
    private final OpenAiAccount account = new OpenAiAccount();
    private OpenAiDialect dialect;
    private boolean includeUsageInStreams = true;
    private boolean returnTokensAsTokenIds;
    private int maxLogprobs = OperationCapabilities.UNLIMITED;

    private Builder() {}

    /** Sent as {@code OpenAI-Organization}; null sends none. */
    public Builder organization(String value) {
      account.organization(value);
      return this;
    }

    /** Sent as {@code OpenAI-Project}; null sends none. */
    public Builder project(String value) {
      account.project(value);
      return this;
    }

    /** Fixes the dialect; null (the default) derives it from the base URL's host. */
    public Builder dialect(OpenAiDialect value) {
      dialect = value;
      return this;
    }

    /**
     * Whether streams ask for a final usage chunk ({@code stream_options.include_usage}); on by
     * default. Turn it off for a server that rejects {@code stream_options}.
     */
    public Builder includeUsageInStreams(boolean value) {
      includeUsageInStreams = value;
      return this;
    }

    /**
     * vLLM only: asks for tokens as {@code token_id:1234} ({@code return_tokens_as_token_ids}) with
     * logprobs, so every token and alternative carries its id. The trade-off: the tokens then have
     * no text and no bytes (vLLM reports the bytes of {@code "token_id:1234"}), though the answer's
     * text is whole; use it where ids matter more than texts, e.g. tokens that are not valid UTF-8
     * alone. Scoring always has ids and needs no flag. Off by default; a server started with
     * {@code --return-tokens-as-token-ids} sends such tokens anyway, and they are read as ids either way.
     */
    public Builder returnTokensAsTokenIds(boolean value) {
      returnTokensAsTokenIds = value;
      return this;
    }

    /**
     * vLLM only: the server's {@code --max-logprobs} where you know it, so that a request above it
     * fails before sending from the start; without it the cap is learned from the server's first
     * refusal.
     */
    public Builder maxLogprobs(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("maxLogprobs must be >= 0, was " + value);
      }
      maxLogprobs = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException for a base URL that is not http(s), or an API key that would
     *     go over plain http to another machine
     */
    public OpenAiModel build() {
      boolean vllm = dialect == OpenAiDialect.VLLM;
      HttpTransport built = account.build(vllm ? transport(VLLM_PROVIDER, VLLM_DEFAULT_BASE_URL) : transport(PROVIDER, DEFAULT_BASE_URL));
      OpenAiDialect resolved = OpenAiAccount.dialect(dialect, built);
      return new OpenAiModel(built, defaults(), resolved, includeUsageInStreams, vllm && returnTokensAsTokenIds, maxLogprobs);
    }
  }
}
