package dev.nexttoken.llamacpp;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Environment;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.ScoringCapabilities;
import dev.nexttoken.error.ServerException;
import dev.nexttoken.llamacpp.internal.NativeCompletionMapper;
import dev.nexttoken.llamacpp.internal.NativeCompletionResponse;
import dev.nexttoken.llamacpp.internal.SamplingConstraints;
import dev.nexttoken.llamacpp.internal.ServerDtos;
import dev.nexttoken.llamacpp.internal.ServerMapper;
import dev.nexttoken.llamacpp.internal.TextScorer;
import dev.nexttoken.llamacpp.internal.WireSettings;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.HttpResult;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.ModelBuilder;
import dev.nexttoken.wire.openai.ChatDialect;
import dev.nexttoken.wire.openai.ChatWire;
import java.util.List;

/**
 * A model served by a llama.cpp {@code llama-server}: completion through the native {@code /completion}
 * route (top-k alternatives with token ids and bytes, no cap on k), chat through
 * {@code /v1/chat/completions} (OpenAI's wire, shared with the openai provider, in llama.cpp's dialect:
 * {@code top_k}, {@code post_sampling_probs}, {@code cache_prompt}, token ids), scoring a given text ({@link #score(dev.nexttoken.ScoreRequest)}: one
 * forced one-token completion per token, see {@link #doScore}), and the server's tokenizer and status
 * as typed calls.
 *
 * <p>Reported logprobs are the model's own distribution (the softmax of the logits before sampling,
 * unaffected by temperature, top-k or top-p) unless {@link Builder#postSamplingProbs(boolean)} asks for
 * the probabilities after the sampler chain. Entries for the end-of-sequence token ({@code token ""},
 * no bytes) are kept: they are the probability the model gave to stopping. Both the current probability
 * format and the one of servers built before December 2024 are read.
 *
 * <p><b>Structured output and logit bias on {@code /completion}.</b> A {@link dev.nexttoken.ResponseFormat} goes
 * out as {@code json_schema}, the schema text exactly as given ({@code JSON_OBJECT} as
 * {@code {"type":"object"}}), which the server enforces with a grammar; a {@link dev.nexttoken.LogitBias} as
 * {@code [[id, bias], ["text", bias]]} pairs, each string tokenized by the server as {@link #tokenize} would (with a
 * SentencePiece model {@code "the"} is the token {@code " the"}). Neither changes the reported logprobs: they stay
 * the model's before the grammar and the bias, so a token the grammar forces reports what the model thought of it
 * (measured on build b11669). A bias on a token id outside the vocabulary, when its size is known, is refused before
 * sending: the server would ignore it.
 *
 * <p>Where the server itself reports differently, the SDK reports what was sent rather than invent or drop
 * entries. Measured on build b11669: a chat <em>stream</em> ended by end-of-sequence carries no entry for
 * that token (the non-streaming chat answer does); a non-streaming answer stopped by a stop string can
 * lack the entries of the last tokens before it (the stream has them).
 *
 * <p><b>Usage.</b> Prompt tokens count the whole prompt, cached part included; {@link
 * dev.nexttoken.Usage#cachedTokens()} is how many of them the slot reused from its KV cache
 * ({@code timings.cache_n}, or on chat {@code usage.prompt_tokens_details.cached_tokens} where the
 * build sends it): 0 on a cold cache, more when a prompt repeats the start of the previous one
 * ({@code cache_prompt} is on by default). The native {@code tokens_cached} is not that figure (it is
 * the slot's whole cache after the call, generated tokens included). llama.cpp counts no reasoning
 * tokens apart: {@link dev.nexttoken.Usage#reasoningTokens()} is null. A {@link #score(dev.nexttoken.ScoreRequest)} reports the
 * tokens it read, with no cache count.
 *
 * <pre>{@code
 * try (LlamaCppModel model = LlamaCppModel.builder().baseUrl("http://127.0.0.1:8080").build()) {
 *   Completion c = model.complete(CompletionRequest.builder("Weights and Biases is").maxTokens(3).topLogprobs(5).build());
 * }
 * }</pre>
 *
 * <p>Any model name is accepted (the server serves the model it loaded), so none is required. Thread-safe.
 */
public final class LlamaCppModel extends AbstractLanguageModel {
  /** The provider name, {@code "llamacpp"}. */
  public static final String PROVIDER = "llamacpp";

  /** Upstream llama-server's default address; Debian's build listens on 9931 instead. */
  public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080";

  /** OpenAI's chat route, spoken through the shared wire in llama.cpp's dialect. */
  private static final String CHAT = "v1/chat/completions";

  /** The chat route's conditions, in its capability note. */
  private static final String CHAT_FEATURES = "tools need a tool-aware chat template (--jinja) and report no logprobs while"
      + " streaming; one choice per call (n is bounded by the server's slots); no images: they need a multimodal"
      + " projector (--mmproj), which the SDK does not ask the server about";

  private static final ScoringCapabilities SCORING = ScoringCapabilities.builder()
      .maxTopLogprobs(OperationCapabilities.UNLIMITED).tokenIds().tokenBytes().chatModels()
      .note("one /completion per token with that token forced by logit_bias; logprobs are the model's own softmax, "
          + "the first token scored after the model's beginning-of-sequence token")
      .build();

  private final WireSettings settings;
  private final ChatWire chat;
  private volatile Integer vocabularySize;

  private LlamaCppModel(HttpTransport transport, GenerationOptions defaults, Builder builder) {
    super(transport, defaults);
    this.settings = new WireSettings(builder.postSamplingProbs, builder.cachePrompt);
    this.chat = new ChatWire(ChatDialect.llamaCpp(PROVIDER, builder.postSamplingProbs, builder.cachePrompt));
    this.vocabularySize = builder.vocabularySize;
  }

  /** A builder; set at least the base URL unless the server listens on {@link #DEFAULT_BASE_URL}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder configured from the environment; a system property beats the environment variable:
   *
   * <table>
   *   <caption>Settings read</caption>
   *   <tr><th>property</th><th>variable</th><th>meaning</th></tr>
   *   <tr><td>{@code nexttoken.llama.url}</td><td>{@code NEXTTOKEN_LLAMA_URL}</td><td>base URL (default {@value #DEFAULT_BASE_URL})</td></tr>
   *   <tr><td>{@code nexttoken.llama.apiKey}</td><td>{@code NEXTTOKEN_LLAMA_API_KEY}</td><td>the server's {@code --api-key}, if any</td></tr>
   * </table>
   *
   * <p>The key is sent as {@code Authorization: Bearer}; without one nothing is sent. For a proxy
   * in front of the server that wants another scheme, call {@code authentication(...)} afterwards.
   */
  public static Builder fromEnv() {
    return fromEnv(Environment.system());
  }

  /** {@link #fromEnv()} reading from {@code environment}. */
  public static Builder fromEnv(Environment environment) {
    Builder builder = builder();
    String url = environment.get("nexttoken.llama.url", "NEXTTOKEN_LLAMA_URL");
    if (url != null) {
      builder.baseUrl(url);
    }
    String key = environment.get("nexttoken.llama.apiKey", "NEXTTOKEN_LLAMA_API_KEY");
    if (key != null) {
      builder.apiKey(key);
    }
    return builder;
  }

  @Override
  public Capabilities capabilities() {
    String probs = settings.postSamplingProbs()
        ? "logprobs are the probabilities after the sampler chain (post_sampling_probs)"
        : "logprobs are the model's own softmax before sampling";
    return Capabilities.builder(PROVIDER)
        .completion(completionOperation("native /completion; " + probs))
        .chat(chatOperation("/v1/chat/completions through the model's chat template; " + probs + "; " + CHAT_FEATURES))
        .vocabularySize(vocabularySize)
        .scoring(SCORING)
        .build();
  }

  private static OperationCapabilities.Builder logprobs(String note) {
    // The server ignores echo, so prompt logprobs are not offered. Its sampling parameters take
    // any value the neutral types allow (the default, permissive limits).
    return OperationCapabilities.builder()
        .streaming()
        .logprobs(OperationCapabilities.UNLIMITED).logprobsInStream()
        .tokenIds().tokenBytes()
        .note(note);
  }

  /**
   * Native completion: logprobs as chat's, plus a JSON schema ({@code json_schema}, turned into a
   * grammar by the server; not strict in OpenAI's sense) and logit bias by id and by text. The route
   * has no {@code n}: one answer per call.
   */
  private static OperationCapabilities completionOperation(String note) {
    return logprobs(note)
        .structuredOutput(StructuredOutput.JSON_SCHEMA)
        .logitBiasByText()
        .maxChoices(1)
        .build();
  }

  /**
   * Chat: logprobs as completion's, plus tools with the parallel switch (off by default on this
   * server), JSON schemas (a grammar, not strict in OpenAI's sense), logit bias by id and by text,
   * one choice. No images: they need a multimodal projector ({@code --mmproj}), which the SDK does not
   * ask the server about, so a request with one fails before sending rather than on the server.
   */
  private static OperationCapabilities chatOperation(String note) {
    return logprobs(note)
        .parallelToolCalls()
        .structuredOutput(OperationCapabilities.StructuredOutput.JSON_SCHEMA)
        .logitBiasByText()
        .build();
  }

  @Override
  protected boolean requiresModel() {
    return false;
  }

  @Override
  protected Completion doComplete(CompletionRequest request) {
    SamplingConstraints.checkTokenIds(request.options().logitBias(), vocabularySize);
    HttpResult result = transport.postJson("completion", NativeCompletionMapper.body(request, settings, false));
    NativeCompletionResponse response = Json.read(result.body(), NativeCompletionResponse.class, PROVIDER, "a /completion response");
    return NativeCompletionMapper.completion(response, logprobs(request.options().logprobs()), result.metadata());
  }

  @Override
  protected CompletionStream doCompleteStreaming(CompletionRequest request) {
    SamplingConstraints.checkTokenIds(request.options().logitBias(), vocabularySize);
    return stream("completion", NativeCompletionMapper.body(request, settings, true),
        NativeCompletionMapper.streamMapper(logprobs(request.options().logprobs())));
  }

  @Override
  protected Completion doChat(ChatRequest request) {
    LogprobsOption logprobs = logprobs(request.options().logprobs());
    return chat.completion(transport.postJson(CHAT, chat.body(request, false, false)), logprobs);
  }

  @Override
  protected CompletionStream doChatStreaming(ChatRequest request) {
    // The usage chunk is always asked for: every llama-server build that streams chat sends it.
    return stream(CHAT, chat.body(request, true, true), chat.streamMapper(logprobs(request.options().logprobs())));
  }

  /**
   * Scores with one native {@code /completion} per token of the text, that token forced with
   * {@code logit_bias}: the server reports probabilities only for tokens it generates, and the
   * reported one is the model's softmax before the bias. The text is tokenized once, prompt and text
   * together, with the model's beginning-of-sequence token in front as for a prompt; markup such as
   * {@code </s>} in the text is read as literal text. Steps reuse the server's prompt cache unless
   * {@link Builder#cachePrompt(boolean)} turned it off. {@link Builder#postSamplingProbs(boolean)}
   * does not apply: scores are always the model's own distribution.
   */
  @Override
  protected ScoredText doScore(ScoreRequest request) {
    return new TextScorer(transport, settings.cachePrompt(), this::knownVocabularySize).score(request);
  }

  /** The vocabulary size, asking the server when it is not yet known; null when the server does not say. */
  private Integer knownVocabularySize() {
    if (vocabularySize == null) {
      models();
    }
    return vocabularySize;
  }

  private CompletionStream stream(String path, Object body, EventMapper mapper) {
    return transport.openStream(path, body, HttpTransport.Framing.SERVER_SENT_EVENTS, mapper);
  }

  private static LogprobsOption logprobs(LogprobsOption option) {
    return option == null ? LogprobsOption.NONE : option;
  }

  /**
   * Splits {@code text} into the model's tokens ({@code POST /tokenize}), without adding a
   * beginning-of-sequence token.
   *
   * @param withPieces also return each token's text and bytes
   */
  public List<Token> tokenize(String text, boolean withPieces) {
    HttpResult result = transport.postJson("tokenize", new ServerDtos.TokenizeBody(text, withPieces));
    return ServerMapper.tokens(Json.read(result.body(), ServerDtos.TokenizeResponse.class, PROVIDER, "a /tokenize response"));
  }

  /** The text of the tokens {@code ids} ({@code POST /detokenize}). */
  public String detokenize(List<Integer> ids) {
    HttpResult result = transport.postJson("detokenize", new ServerDtos.DetokenizeBody(List.copyOf(ids)));
    String content = Json.read(result.body(), ServerDtos.DetokenizeResponse.class, PROVIDER, "a /detokenize response").content();
    return content == null ? "" : content;
  }

  /**
   * Whether the server is ready ({@code GET /health}). A server still loading its model answers 503,
   * which is reported as not ready (after the retries the retry settings allow) rather than thrown.
   */
  public Health health() {
    try {
      HttpResult result = transport.get("health");
      String status = Json.read(result.body(), ServerDtos.HealthResponse.class, PROVIDER, "a /health response").status();
      return new Health(true, status);
    } catch (ServerException e) {
      if (e.httpStatus() != 503) {
        throw e;
      }
      return new Health(false, e.details().providerMessage());
    }
  }

  /** What the server says about itself ({@code GET /props}). */
  public ServerProps props() {
    HttpResult result = transport.get("props");
    return ServerMapper.props(Json.read(result.body(), ServerDtos.PropsResponse.class, PROVIDER, "a /props response"));
  }

  /**
   * The models the server serves ({@code GET /v1/models}); usually one. Also remembers the first one's
   * vocabulary size for {@link #capabilities()}.
   */
  public List<ModelInfo> models() {
    HttpResult result = transport.get("v1/models");
    List<ModelInfo> models = ServerMapper.models(Json.read(result.body(), ServerDtos.ModelsResponse.class, PROVIDER, "a /v1/models response"));
    if (!models.isEmpty() && models.get(0).vocabularySize() != null) {
      vocabularySize = models.get(0).vocabularySize();
    }
    return models;
  }

  /**
   * Asks the server for its model's facts once ({@link #models()}), so that {@link #capabilities()}
   * reports the vocabulary size; returns this model. Never done implicitly: building a model sends nothing.
   */
  public LlamaCppModel withServerInfo() {
    models();
    return this;
  }

  /** Builds a {@link LlamaCppModel}. */
  public static final class Builder extends ModelBuilder<Builder> {
    private boolean postSamplingProbs;
    private boolean cachePrompt = true;
    private Integer vocabularySize;

    Builder() {}

    /**
     * Report the probabilities after the sampler chain (temperature, top-k, top-p, min-p) instead of the
     * model's own distribution (default false). The server then lists only the tokens that survived the
     * samplers, so there may be fewer alternatives than asked for; at temperature 0 the chosen token has
     * probability 1.
     */
    public Builder postSamplingProbs(boolean value) {
      postSamplingProbs = value;
      return this;
    }

    /**
     * Let the server reuse the evaluated prefix of an earlier prompt ({@code cache_prompt}, default true,
     * as the server's own default). Turn off when logprobs must not depend on earlier requests: a cached
     * prefix is evaluated in different batches, which can move logits in the last float digits.
     */
    public Builder cachePrompt(boolean value) {
      cachePrompt = value;
      return this;
    }

    /** The model's vocabulary size, when known up front (else see {@link LlamaCppModel#withServerInfo()}). */
    public Builder vocabularySize(Integer value) {
      if (value != null && value <= 0) {
        throw new IllegalArgumentException("vocabularySize must be positive, was " + value);
      }
      vocabularySize = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException for a base URL that is not an http(s) URL
     */
    public LlamaCppModel build() {
      return new LlamaCppModel(transport(PROVIDER, DEFAULT_BASE_URL).build(), defaults(), this);
    }
  }
}
