package dev.nexttoken.spi;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.internal.RequestValidator;
import dev.nexttoken.internal.Secret;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * The shared half of every HTTP provider: merges the client's default options into each request,
 * checks it against the capabilities of the request's model ({@link #capabilities(String)}), then
 * hands it to the provider's {@code do*} method. Providers implement only the wire mapping and
 * declare what they accept; they never validate a request themselves.
 */
public abstract class AbstractLanguageModel implements LanguageModel {
  protected final HttpTransport transport;
  private final GenerationOptions defaults;

  protected AbstractLanguageModel(HttpTransport transport, GenerationOptions defaults) {
    this.transport = transport;
    this.defaults = defaults == null ? GenerationOptions.EMPTY : defaults;
  }

  @Override
  public String provider() {
    return transport.provider();
  }

  /** The base URL every request goes under: where the provider's server is ({@code server.address} to a tracer). */
  public HttpUrl baseUrl() {
    return transport.baseUrl();
  }

  /** The client's default options. */
  public GenerationOptions defaults() {
    return defaults;
  }

  @Override
  public final Completion complete(CompletionRequest request) {
    CompletionRequest merged = prepare(request, false);
    return readingResponse(() -> doComplete(merged));
  }

  @Override
  public final CompletionStream completeStreaming(CompletionRequest request) {
    CompletionRequest merged = prepare(request, true);
    return readingResponse(() -> doCompleteStreaming(merged));
  }

  @Override
  public final Completion chat(ChatRequest request) {
    ChatRequest merged = prepare(request, false);
    return readingResponse(() -> doChat(merged));
  }

  @Override
  public final CompletionStream chatStreaming(ChatRequest request) {
    ChatRequest merged = prepare(request, true);
    return readingResponse(() -> doChatStreaming(merged));
  }

  @Override
  public final ScoredText score(ScoreRequest request) {
    ScoreRequest merged = request.model() == null && defaults.model() != null ? request.withModel(defaults.model()) : request;
    // Whether the provider can score at all matters more than a missing model name.
    RequestValidator.validate(capabilities(merged.model()), merged);
    if (requiresModel() && merged.model() == null) {
      throw noModel();
    }
    return readingResponse(() -> doScore(merged));
  }

  /**
   * Runs a provider's {@code do*} method, which sends the (already validated) request and maps the
   * response. A response that parses as JSON but holds impossible values (a positive logprob, a
   * missing array) makes the mapping throw whatever the value types throw; the caller is promised
   * only this SDK's exceptions, so such a failure becomes a {@link MalformedResponseException} that
   * keeps the original as its cause.
   */
  private <T> T readingResponse(Supplier<T> call) {
    try {
      return call.get();
    } catch (NextTokenException e) {
      throw e;
    } catch (RuntimeException e) {
      throw malformed(provider(), transport.secrets(), e);
    }
  }

  /** The typed failure for a response whose values could not be mapped. */
  static MalformedResponseException malformed(String provider, Secret key, RuntimeException e) {
    Secret secrets = key == null ? new Secret() : key;
    String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    // The original's message may quote response text; its redacted stand-in keeps the stack trace.
    return new MalformedResponseException(provider + ": the response could not be read: " + secrets.redact(why), ErrorDetails.of(provider),
        secrets.standIn(e));
  }

  private CompletionRequest prepare(CompletionRequest request, boolean streaming) {
    CompletionRequest merged = request.withDefaults(defaults);
    requireModel(merged.options());
    RequestValidator.validate(capabilities(merged.options().model()), Operation.COMPLETION, merged.options(), streaming, merged.echoPrompt());
    return merged;
  }

  private ChatRequest prepare(ChatRequest request, boolean streaming) {
    ChatRequest merged = request.withDefaults(defaults);
    requireModel(merged.options());
    RequestValidator.validate(capabilities(merged.options().model()), merged, streaming);
    return merged;
  }

  /** Whether this provider needs a model name on every request; llama.cpp does not. */
  protected boolean requiresModel() {
    return true;
  }

  private void requireModel(GenerationOptions options) {
    if (requiresModel() && options.model() == null) {
      throw noModel();
    }
  }

  private RequestValidationException noModel() {
    return new RequestValidationException(provider() + ": no model given; set one on the request or as the client's default",
        "model", ErrorDetails.of(provider()));
  }

  /** Continues a prompt; the request already has defaults merged and passed validation. */
  protected abstract Completion doComplete(CompletionRequest request);

  protected abstract CompletionStream doCompleteStreaming(CompletionRequest request);

  protected abstract Completion doChat(ChatRequest request);

  protected abstract CompletionStream doChatStreaming(ChatRequest request);

  /**
   * Scores a text; the request already has the default model merged and passed validation against
   * {@link dev.nexttoken.Capabilities#scoring()}. Providers that can score override this; a provider
   * whose capabilities say it cannot never reaches it.
   */
  protected ScoredText doScore(ScoreRequest request) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " declares scoring but does not implement doScore");
  }

  @Override
  public Executor asyncExecutor() {
    return transport.executor();
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + transport + ", defaults=" + defaults + "]";
  }
}
