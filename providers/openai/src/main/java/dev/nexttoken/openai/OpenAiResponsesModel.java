package dev.nexttoken.openai;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Environment;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.openai.internal.responses.ResponsesBody;
import dev.nexttoken.openai.internal.responses.ResponsesWire;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.ModelBuilder;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * OpenAI's Responses API ({@code POST /v1/responses}), and servers that offer the same route, as a
 * {@link dev.nexttoken.LanguageModel}: chat only, blocking and streamed, with up to 20 alternatives
 * per token. {@link OpenAiModel} serves chat completions and the legacy completions; this class
 * serves the API OpenAI now recommends.
 *
 * <p><b>Requests.</b> Every message becomes an input item in order (system and developer messages
 * included, rather than {@code instructions}); an assistant turn's tool calls become
 * {@code function_call} items and tool results {@code function_call_output} items, matched by
 * {@code call_id} (a result without its call id is refused before sending); images go as
 * {@code input_image} parts, a URL as given and bytes as a {@code data:} URL. Tools are flat function
 * tools whose {@code parameters} are the caller's schema text as given; a tool's {@code strict} left
 * null is sent as null, which OpenAI reads as {@code true} on this route (unlike chat completions),
 * so a lax schema needs {@code Tool.withStrict(false)}. The response format is {@code text.format},
 * the reasoning effort {@code reasoning.effort}. Logprobs are asked for with
 * {@code include: ["message.output_text.logprobs"]} and {@code top_logprobs};
 * {@code maxTokens} is {@code max_output_tokens} (at least 16 on OpenAI, and it counts reasoning
 * tokens). The route has no stop sequences, seed, top-k, {@code n} or logit bias, and no raw-prompt
 * completion: asking for any fails before sending, as does logprobs from a reasoning model, or tools,
 * schemas or images from an OpenAI model that lacks them ({@link #capabilities(String)}).
 *
 * <p><b>Answers.</b> The text is that of the {@code output_text} parts of every {@code message}
 * item (items are told apart by type: a reasoning model puts a {@code reasoning} item first).
 * {@code function_call} items are the {@link Completion#toolCalls() tool calls}: the id is the
 * item's {@code call_id} (not its {@code fc_} id), the arguments the JSON string exactly as sent;
 * the finish reason is then {@code TOOL_CALLS} with the raw value {@code completed} (the route names
 * no tool-call finish; the kind matches chat completions', so one tool loop serves both). Reasoning
 * items' summaries (and the raw {@code reasoning_text} some compatible servers show) are
 * {@link Completion#reasoning()}, never the text; OpenAI sends summaries only when asked
 * ({@link Builder#reasoningSummary}). A refusal part becomes the text, with finish reason
 * {@code CONTENT_FILTER} (raw {@code completed}) and the extra {@code "refusal"}.
 * {@code status: incomplete} with reason {@code max_output_tokens} is {@code LENGTH}, the raw value
 * being the reason. Usage includes cached prompt tokens and reasoning tokens
 * ({@code output_tokens_details.reasoning_tokens}). {@code status: failed} (in a stream:
 * {@code response.failed}, or an {@code error} event) is a
 * {@link dev.nexttoken.error.StreamErrorException} carrying OpenAI's {@code error.code}. A stream's
 * calls arrive as pieces numbered in the order the calls start, and its collected answer equals the
 * blocking one, arguments byte for byte.
 *
 * <p><b>Token bytes.</b> A blocking answer sends each token's bytes. The streamed
 * {@code response.output_text.delta} events document none (some recorded streams include them;
 * those are used): then a token's bytes are the UTF-8 of its text, exact for every token of whole
 * characters, and for a token that is part of a multi-byte character decoded from the name OpenAI
 * gives it ({@code bytes:\xe2\x80}). A compatible server that sends U+FFFD for such a token has lost
 * its bytes; they are then those of U+FFFD. A collected stream thus equals the blocking answer.
 *
 * <p><b>Stream events.</b> A stream's last events repeat the whole answer, logprobs included, so one
 * event may be far larger than on other routes: this route accepts events of up to
 * {@link #DEFAULT_MAX_EVENT_BYTES} (64 MiB) unless {@link Builder#maxEventBytes} says otherwise. The
 * repeats of what the deltas said ({@code response.output_text.done}, {@code .content_part.done},
 * a message's {@code .output_item.done}) are known by their event name or leading {@code type} and
 * are not parsed further; of {@code response.completed}, the status, usage, error and calls are read
 * and the rest is skipped.
 *
 * <p><b>Reasoning models.</b> OpenAI answers a logprobs request to a reasoning model with HTTP 400
 * {@code unsupported_parameter} (param {@code include}). The models known to do so are refused before
 * sending; when a server refuses anyway, the {@link InvalidRequestException} says so, after one
 * request (a 400 is never retried).
 *
 * <p>Thread-safe; close it to release the connections and threads it created.
 */
public final class OpenAiResponsesModel extends AbstractLanguageModel {
  /** The provider name in messages, capabilities and exceptions. */
  public static final String PROVIDER = "openai-responses";

  /** OpenAI's base URL: everything up to and including {@code /v1}. */
  public static final String DEFAULT_BASE_URL = OpenAiModel.DEFAULT_BASE_URL;

  /**
   * The largest single stream event this route accepts unless {@link Builder#maxEventBytes} says
   * otherwise: 64 MiB, where other models keep core's 1 MiB. A streamed answer ends with
   * {@code response.completed}, whose response repeats the whole answer, every token's logprob with
   * its bytes and alternatives included: about 85 bytes a token plus 65 an alternative on a recorded
   * gpt-4o-mini stream (logprobs rounded to 6 decimals; unrounded ones add about 15 bytes to each).
   * 1 MiB is thus passed by an answer of about 2,200 tokens with 5 alternatives, or 700 with 20, and
   * the stream failed after its last token, losing finish reason and usage. 64 MiB holds a
   * 32,768-token answer (gpt-4.1's longest) with the 20 alternatives the route allows (44 to 53 MiB)
   * and a 128,000-token one (the gpt-5 family's longest) with 5 (50 to 58 MiB). It is still a bound:
   * an event that grows past it, such as a line that never ends, fails with
   * {@link dev.nexttoken.error.StreamTooLargeException} once the reader holds that much.
   */
  public static final long DEFAULT_MAX_EVENT_BYTES = 64L << 20;

  private static final String RESPONSES = "responses";

  private final OpenAiDialect dialect;
  private final Boolean store;
  private final ReasoningSummary reasoningSummary;

  private OpenAiResponsesModel(HttpTransport transport, GenerationOptions defaults, OpenAiDialect dialect, Boolean store,
      ReasoningSummary reasoningSummary) {
    super(transport, defaults);
    this.dialect = dialect;
    this.store = store;
    this.reasoningSummary = reasoningSummary;
  }

  /** How much of its reasoning a reasoning model summarises ({@code reasoning.summary}). */
  public enum ReasoningSummary {
    /** The most detailed summary the model offers. */
    AUTO,
    /** A short summary. */
    CONCISE,
    /** A long one. */
    DETAILED;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A builder with nothing set: no key, OpenAI's base URL. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled from system properties and environment variables; see {@link #fromEnv(Environment)}. */
  public static Builder fromEnv() {
    return fromEnv(Environment.system());
  }

  /**
   * A builder pre-filled from {@code env}, read exactly as {@link OpenAiModel#fromEnv(Environment)}
   * reads it; a system property beats an environment variable, and what is unset stays unset.
   *
   * <table>
   *   <caption>What is read</caption>
   *   <tr><th>setting</th><th>system property</th><th>environment variable</th></tr>
   *   <tr><td>API key</td><td>{@code openai.apiKey}</td><td>{@code OPENAI_API_KEY}</td></tr>
   *   <tr><td>base URL (up to and including {@code /v1})</td><td>{@code openai.baseUrl}</td><td>{@code OPENAI_BASE_URL}</td></tr>
   *   <tr><td>organization</td><td>{@code openai.orgId}</td><td>{@code OPENAI_ORG_ID}</td></tr>
   *   <tr><td>project</td><td>{@code openai.projectId}</td><td>{@code OPENAI_PROJECT_ID}</td></tr>
   * </table>
   */
  public static Builder fromEnv(Environment env) {
    Builder builder = OpenAiAccount.keyAndBaseUrl(new Builder(), env, "openai", "OPENAI");
    builder.account.organizationAndProject(env);
    return builder;
  }

  /** What the route offers with some model; {@link #capabilities(String)} narrows it to one. */
  @Override
  public Capabilities capabilities() {
    return dialect == OpenAiDialect.OPENAI ? OpenAiResponsesCapabilities.OPENAI : OpenAiResponsesCapabilities.COMPATIBLE;
  }

  /**
   * What {@code model} supports. On OpenAI itself ({@link OpenAiDialect#OPENAI}) the families of
   * {@link OpenAiModel#capabilities(String)}: reasoning models chat without logprobs, legacy
   * completion models are not served; every other model chats with up to 20 alternatives. Tools,
   * schemas, images and reasoning effort per model are the same list as there (o1-mini and o1-preview:
   * no tools or schemas; gpt-3.5-turbo, gpt-4 and gpt-4-turbo: JSON mode only; o3-mini and the
   * pre-vision models: no images; a reasoning effort for the o-series and gpt-5), with this route's
   * differences: every model with tools takes the parallel-call switch (the o-series too), and no
   * model has {@code n} or logit bias. A compatible server names its models as it likes, so there
   * every model gets {@link #capabilities()}, everything the route has.
   */
  @Override
  public Capabilities capabilities(String model) {
    return dialect == OpenAiDialect.OPENAI ? OpenAiResponsesCapabilities.of(model) : OpenAiResponsesCapabilities.COMPATIBLE;
  }

  /** The dialect in use, as set or as derived from the base URL. */
  public OpenAiDialect dialect() {
    return dialect;
  }

  @Override
  protected boolean requiresModel() {
    return dialect == OpenAiDialect.OPENAI;
  }

  @Override
  protected Completion doChat(ChatRequest request) {
    LogprobsOption logprobs = request.options().logprobsOrNone();
    ResponsesBody body = body(request, false);
    return explained(logprobs, () -> transport.postJson(RESPONSES, body,
        (in, metadata) -> ResponsesWire.completion(in, metadata, logprobs, PROVIDER)));
  }

  @Override
  protected CompletionStream doChatStreaming(ChatRequest request) {
    LogprobsOption logprobs = request.options().logprobsOrNone();
    ResponsesBody body = body(request, true);
    return explained(logprobs, () -> transport.openStream(RESPONSES, body,
        HttpTransport.Framing.SERVER_SENT_EVENTS, ResponsesWire.streamMapper(PROVIDER, logprobs)));
  }

  /**
   * The request's body; the summary is asked for only from models that reason (a chat model would
   * refuse the field), and the conversation is checked before anything is sent.
   */
  private ResponsesBody body(ChatRequest request, boolean stream) {
    String summary = reasoningSummary != null && capabilities(request.options().model()).chat().reasoningEffort()
        ? reasoningSummary.wireName() : null;
    return ResponsesBody.of(request, stream, store, summary, PROVIDER);
  }

  /** Declared unsupported in the capabilities, so never reached. */
  @Override
  protected Completion doComplete(CompletionRequest request) {
    throw new UnsupportedOperationException("the Responses API has no raw-prompt completion");
  }

  /** Declared unsupported in the capabilities, so never reached. */
  @Override
  protected CompletionStream doCompleteStreaming(CompletionRequest request) {
    throw new UnsupportedOperationException("the Responses API has no raw-prompt completion");
  }

  /**
   * Runs {@code call}; a server's refusal of logprobs (HTTP 400 {@code unsupported_parameter}
   * naming logprobs, as OpenAI answers for reasoning models) gets a sentence saying what to do.
   */
  private static <T> T explained(LogprobsOption logprobs, Supplier<T> call) {
    try {
      return call.get();
    } catch (InvalidRequestException e) {
      String message = e.details().providerMessage();
      if (logprobs.enabled() && "unsupported_parameter".equals(e.details().errorCode())
          && message != null && message.toLowerCase(Locale.ROOT).contains("logprob")) {
        throw new InvalidRequestException(e.getMessage() + " - this model gives no logprobs: ask without topLogprobs",
            e.details(), e);
      }
      throw e;
    }
  }

  /** Builds an {@link OpenAiResponsesModel}; see {@link ModelBuilder} for the settings every provider shares. */
  public static final class Builder extends ModelBuilder<Builder> {
    private final OpenAiAccount account = new OpenAiAccount();
    private OpenAiDialect dialect;
    private Boolean store;
    private ReasoningSummary reasoningSummary;

    private Builder() {
      maxEventBytes(DEFAULT_MAX_EVENT_BYTES);
    }

    /**
     * The largest single stream event accepted: {@link #DEFAULT_MAX_EVENT_BYTES} (64 MiB) unless set,
     * as this route's last event repeats the whole answer with its logprobs.
     */
    @Override
    public Builder maxEventBytes(long value) {
      return super.maxEventBytes(value);
    }

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
     * Sent as {@code store}: whether OpenAI keeps the response (its default is {@code true}); null
     * (the default) sends nothing.
     */
    public Builder store(Boolean value) {
      store = value;
      return this;
    }

    /**
     * Sent as {@code reasoning.summary} to models that reason ({@code capabilities(model).chat().reasoningEffort()}):
     * their answers then carry a summary of the reasoning in {@link Completion#reasoning()} (streamed
     * as reasoning deltas). Null (the default) asks for none, and OpenAI shows none. OpenAI may
     * refuse summaries to an organisation it has not verified (HTTP 400).
     */
    public Builder reasoningSummary(ReasoningSummary value) {
      reasoningSummary = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException for a base URL that is not http(s), or an API key that would
     *     go over plain http to another machine
     */
    public OpenAiResponsesModel build() {
      HttpTransport built = account.build(transport(PROVIDER, DEFAULT_BASE_URL));
      OpenAiDialect resolved = OpenAiAccount.dialect(dialect, built);
      return new OpenAiResponsesModel(built, defaults(), resolved, store, reasoningSummary);
    }
  }
}
