package dev.nexttoken.ollama;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Environment;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.ollama.internal.OllamaWire;
import dev.nexttoken.ollama.internal.RequestBody;
import dev.nexttoken.ollama.internal.RequestMapper;
import dev.nexttoken.ollama.internal.ResponseBody;
import dev.nexttoken.ollama.internal.ResponseMapper;
import dev.nexttoken.ollama.internal.StreamMapper;
import dev.nexttoken.ollama.internal.VersionBody;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.spi.HttpResult;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.ModelBuilder;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * A model served by Ollama, through its native API: chat on {@code POST /api/chat}, completion
 * (the prompt continued as it is, {@code raw}) on {@code POST /api/generate}, blocking or streamed
 * as NDJSON, with each token's logprob, bytes and up to 20 alternatives.
 *
 * <pre>{@code
 * try (OllamaModel model = OllamaModel.fromEnv().model("qwen3:4b").build()) {
 *   Completion answer = model.chat(ChatRequest.builder().user("Capital of France?").topLogprobs(3).build());
 * }
 * }</pre>
 *
 * <p><b>Logprobs</b> need Ollama 0.12.11 or later. Older servers ignore the
 * request and answer without them; so does Ollama Cloud. Such an answer with text but no logprobs
 * fails with an {@link dev.nexttoken.error.UnsupportedCapabilityException} naming the version (for a
 * stream, at its end, after its text was delivered). Bytes are the UTF-8 of each token's text as
 * Ollama reports it; there are no token ids. An answer made of tool calls only has no logprobs
 * before Ollama 0.13.3; since then the call's tokens are among {@link Completion#logprobs()}.
 *
 * <p><b>Reasoning.</b> A thinking model's {@code thinking} is {@link Completion#reasoning()}, never
 * part of the text. Ollama's logprobs cover the reasoning tokens and the answer's in one sequence;
 * the answer's are the last tokens that spell its text exactly, and those before them go to
 * {@link Completion#reasoningLogprobs()}. When no token boundary falls there (or the answer is only
 * tool calls) the sequence stays whole in {@link Completion#logprobs()}, as Ollama sent it. In a
 * stream that reasons, the logprobs therefore come on the last chunk, split the same way.
 * {@link GenerationOptions#reasoningEffort()} is {@code think}: {@code "low"}, {@code "medium"} or
 * {@code "high"} (models with levels, such as gpt-oss, use it; other thinking models just think;
 * servers before 0.11 take no level); {@code minimal} has no Ollama equivalent and is refused. Unset,
 * a thinking model thinks by default.
 *
 * <p><b>Tools</b> ({@code /api/chat}): definitions are sent as {@code {type: function, function}},
 * the schema as given. Ollama has no tool choice: {@code AUTO} is its behaviour, {@code NONE} sends
 * no tools, {@code REQUIRED} and named choices are refused before sending, as are strict tools.
 * A call's {@link dev.nexttoken.ToolCall#arguments()} is the compact JSON text of the object Ollama
 * sends (keys in the order received, numbers as written); its id is Ollama's (0.12.10 and later)
 * or null. Streams carry each call whole on one line. An answer that called tools finishes with
 * {@code TOOL_CALLS}, raw value {@code stop} (Ollama's). Tool results go back as
 * {@code {role: tool, tool_name, content}}, with {@code tool_call_id} when the call had an id.
 * Models without tool support answer 400 ({@code does not support tools}).
 *
 * <p><b>Structured output</b> is {@code format}: the JSON Schema as given, or {@code "json"}; there
 * is no strict mode. <b>Images</b> go as base64 in the message's {@code images}: bytes, or
 * {@code data:} URLs decoded to bytes; Ollama fetches no URLs. There is no {@code n} and no logit bias.
 *
 * <p><b>Usage</b> is {@code prompt_eval_count} and {@code eval_count}; Ollama leaves out counts that
 * are zero, which are then unknown, and reports no cached or reasoning counts. The durations of
 * the last object ({@code total_duration}, {@code load_duration}, {@code prompt_eval_duration},
 * {@code eval_duration}, nanoseconds as text) are kept in {@link dev.nexttoken.ResponseMetadata#extras()}.
 *
 * <p><b>Finish reasons.</b> {@code stop} is {@code STOP} ({@code TOOL_CALLS} with tool calls),
 * {@code length} is {@code LENGTH}, anything else ({@code load}, {@code unload}) {@code OTHER}; the
 * raw value is kept.
 *
 * <p>A model name is required on every request or as the builder's default (Ollama serves many).
 * No credential is sent unless one is set ({@link Builder#apiKey}: {@code Authorization: Bearer}, as
 * Ollama's cloud expects). Thread-safe; {@link #close()} releases what the model created.
 */
public final class OllamaModel extends AbstractLanguageModel {
  /** Where {@code ollama serve} listens by default. */
  public static final String DEFAULT_BASE_URL = "http://127.0.0.1:11434";

  /** Ollama's documented option ranges; {@code num_predict}'s -1 (unlimited) is an unset maxTokens. */
  private static final ParameterLimits LIMITS = ParameterLimits.builder()
      .temperature(Range.atLeast(0))
      .topP(Range.openClosed(0, 1))
      .topK(Range.integersAtLeast(0))
      .seed(Range.ALL_INTEGERS)
      .maxTokens(Range.integersAtLeast(1))
      .build();

  /**
   * The same for every model: Ollama serves whatever is pulled, and a model without tools, vision or
   * thinking answers 400 naming the capability it lacks.
   */
  private static final Capabilities CAPABILITIES = Capabilities.builder(OllamaWire.PROVIDER)
      .chat(operation("native /api/chat (not the OpenAI-compatible /v1, which drops logprobs); logprobs need Ollama "
          + OllamaWire.LOGPROBS_SINCE + "+; tools, images and thinking need a model that has them")
          .tools()
          .imageBytesOnly()
          .reasoningEffort()
          .build())
      .completion(operation("native /api/generate with raw: the prompt is continued without the model's template; logprobs need Ollama "
          + OllamaWire.LOGPROBS_SINCE + "+").build())
      .build();

  private OllamaModel(HttpTransport transport, GenerationOptions defaults) {
    super(transport, defaults);
  }

  /** What both routes share: top_logprobs 0-20 (a 400 otherwise), bytes on every entry, no token ids, {@code format}. */
  private static OperationCapabilities.Builder operation(String note) {
    return OperationCapabilities.builder().streaming().logprobs(20).logprobsInStream().tokenBytes()
        .structuredOutput(OperationCapabilities.StructuredOutput.JSON_SCHEMA).limits(LIMITS).note(note);
  }

  /** A builder; no credential and {@link #DEFAULT_BASE_URL} unless set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder configured from the system properties and environment:
   *
   * <table>
   *   <caption>Configuration read by fromEnv (a system property beats an environment variable)</caption>
   *   <tr><th>system property</th><th>environment variable</th><th>sets</th></tr>
   *   <tr><td>{@code ollama.host}</td><td>{@code OLLAMA_HOST}</td><td>{@link Builder#baseUrl}, read as Ollama reads it:
   *     {@code host}, {@code host:port}, {@code :port} or a URL; port 11434 unless given (80 or 443 with a scheme);
   *     {@code 0.0.0.0} (a server's listen-on-all address) means this machine</td></tr>
   *   <tr><td>{@code ollama.apiKey}</td><td>{@code OLLAMA_API_KEY}</td><td>{@link Builder#apiKey}, for Ollama's cloud</td></tr>
   * </table>
   */
  public static Builder fromEnv() {
    return fromEnv(Environment.system());
  }

  /** {@link #fromEnv()} reading from {@code env}. */
  public static Builder fromEnv(Environment env) {
    Builder builder = builder();
    String host = env.get("ollama.host", "OLLAMA_HOST");
    if (host != null && !host.isBlank()) {
      builder.baseUrl(Builder.baseUrlOfHost(host));
    }
    String key = env.get("ollama.apiKey", "OLLAMA_API_KEY");
    if (key != null && !key.isBlank()) {
      builder.apiKey(key);
    }
    return builder;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  protected Completion doChat(ChatRequest request) {
    return send(OllamaWire.CHAT_PATH, RequestMapper.chat(request, false), request.options(), "an Ollama chat response");
  }

  @Override
  protected CompletionStream doChatStreaming(ChatRequest request) {
    return open(OllamaWire.CHAT_PATH, RequestMapper.chat(request, true), request.options());
  }

  @Override
  protected Completion doComplete(CompletionRequest request) {
    return send(OllamaWire.GENERATE_PATH, RequestMapper.generate(request, false), request.options(), "an Ollama generate response");
  }

  @Override
  protected CompletionStream doCompleteStreaming(CompletionRequest request) {
    return open(OllamaWire.GENERATE_PATH, RequestMapper.generate(request, true), request.options());
  }

  private Completion send(String path, RequestBody body, GenerationOptions options, String what) {
    HttpResult result = transport.postJson(path, body);
    ResponseBody response = Json.read(result.body(), ResponseBody.class, OllamaWire.PROVIDER, what);
    if (response == null) {
      throw new MalformedResponseException(OllamaWire.PROVIDER + ": expected " + what + " but the body was empty",
          ErrorDetails.of(OllamaWire.PROVIDER));
    }
    return ResponseMapper.completion(response, result.metadata(), options.logprobsOrNone().enabled());
  }

  private CompletionStream open(String path, RequestBody body, GenerationOptions options) {
    return transport.openStream(path, body, HttpTransport.Framing.NDJSON, new StreamMapper(options.logprobsOrNone().enabled()));
  }

  /**
   * The server's version ({@code GET /api/version}), e.g. {@code "0.12.11"}: logprobs need
   * 0.12.11 or later.
   */
  public String serverVersion() {
    HttpResult result = transport.get(OllamaWire.VERSION_PATH);
    VersionBody version = Json.read(result.body(), VersionBody.class, OllamaWire.PROVIDER, "an Ollama version ({\"version\": ...})");
    if (version == null || version.version() == null) {
      throw new MalformedResponseException(OllamaWire.PROVIDER + ": the version answer names no version", ErrorDetails.of(OllamaWire.PROVIDER));
    }
    return version.version();
  }

  /** Builds an {@link OllamaModel}. */
  public static final class Builder extends ModelBuilder<Builder> {
    Builder() {}

    /**
     * @throws IllegalArgumentException for a base URL that is not http(s), or a credential over plain
     *     http to another machine without {@link #allowInsecureHttp(boolean)}
     */
    public OllamaModel build() {
      if (baseUrl() != null) {
        baseUrl(serverRoot(baseUrl()));
      }
      return new OllamaModel(transport(OllamaWire.PROVIDER, DEFAULT_BASE_URL).build(), defaults());
    }

    /**
     * The server root for {@code url}: a trailing {@code /api} (as Ollama's docs write the base) is
     * dropped, since every path starts with it.
     */
    static String serverRoot(String url) {
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        return url; // transport() reports it with the provider's name
      }
      List<String> segments = parsed.pathSegments();
      int last = segments.size() - 1;
      if (last >= 0 && segments.get(last).isEmpty()) {
        last--;
      }
      if (last >= 0 && segments.get(last).equals("api")) {
        HttpUrl.Builder b = parsed.newBuilder();
        for (int i = segments.size() - 1; i >= last; i--) {
          b.removePathSegment(i);
        }
        return b.build().toString();
      }
      return url;
    }

    /**
     * {@code OLLAMA_HOST} as a base URL, by the rules of Ollama's own client ({@code envconfig.Host}):
     * no scheme means http; the port is 11434 unless given, or 80/443 when a scheme is; a path is kept;
     * an empty host or {@code 0.0.0.0}/{@code ::} (listen on all addresses) means this machine.
     */
    static String baseUrlOfHost(String value) {
      String s = value.strip();
      String scheme = "http";
      String defaultPort = "11434";
      int sep = s.indexOf("://");
      if (sep >= 0) {
        scheme = s.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
        s = s.substring(sep + 3);
        defaultPort = scheme.equals("https") ? "443" : scheme.equals("http") ? "80" : defaultPort;
      }
      int slash = s.indexOf('/');
      String path = slash >= 0 ? s.substring(slash) : "";
      String hostPort = slash >= 0 ? s.substring(0, slash) : s;
      String host = hostPort;
      String port = defaultPort;
      if (hostPort.startsWith("[")) {
        int close = hostPort.indexOf(']');
        if (close > 0) {
          host = hostPort.substring(1, close);
          if (hostPort.startsWith(":", close + 1)) {
            port = hostPort.substring(close + 2);
          }
        }
      } else if (hostPort.indexOf(':') == hostPort.lastIndexOf(':') && hostPort.indexOf(':') >= 0) {
        int colon = hostPort.indexOf(':');
        host = hostPort.substring(0, colon);
        port = hostPort.substring(colon + 1);
      }
      if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
        port = defaultPort; // as Ollama does: an invalid port falls back to the default
      }
      if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
        host = "127.0.0.1";
      }
      String hostPart = host.contains(":") ? "[" + host + "]" : host;
      return scheme + "://" + hostPart + ":" + port + path;
    }
  }
}
