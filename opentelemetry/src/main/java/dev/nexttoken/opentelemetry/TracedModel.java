package dev.nexttoken.opentelemetry;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.spi.AbstractLanguageModel;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * A {@link LanguageModel} whose every call is a GenAI client span and a point on the GenAI
 * metrics; the calls themselves go to the wrapped model unchanged.
 *
 * <p>The request attributes show what is sent: the wrapped model's default options merged in, when
 * it is one of the SDK's providers ({@link AbstractLanguageModel}). The async styles start their span
 * when the call is submitted (queueing for a free slot counts towards the duration, as the caller
 * waits through it) and run with it current on the executor thread, so the span's parent is the
 * caller's span and the HTTP attempts land on it.
 */
final class TracedModel implements LanguageModel {
  private final LanguageModel delegate;
  private final Instrumentation instrumentation;
  private final GenerationOptions defaults;
  /** On every span and metric point of this model: provider name, server address and port. */
  private final Attributes common;
  private final String sdkProvider;

  TracedModel(LanguageModel delegate, Instrumentation instrumentation) {
    this.delegate = delegate;
    this.instrumentation = instrumentation;
    HttpUrl baseUrl = null;
    GenerationOptions options = GenerationOptions.EMPTY;
    if (delegate instanceof AbstractLanguageModel sdkModel) {
      baseUrl = sdkModel.baseUrl();
      options = sdkModel.defaults();
    }
    this.defaults = options;
    this.sdkProvider = delegate.provider();
    AttributesBuilder attributes = Attributes.builder().put(GenAiAttributes.PROVIDER_NAME, ProviderNames.of(sdkProvider, baseUrl));
    if (baseUrl != null) {
      attributes.put(GenAiAttributes.SERVER_ADDRESS, baseUrl.host()).put(GenAiAttributes.SERVER_PORT, baseUrl.port());
    }
    this.common = attributes.build();
  }

  /** The model this one traces. */
  LanguageModel delegate() {
    return delegate;
  }

  @Override
  public String provider() {
    return delegate.provider();
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public Capabilities capabilities(String model) {
    return delegate.capabilities(model);
  }

  @Override
  public Completion complete(CompletionRequest request) {
    return start(request, false).run(() -> delegate.complete(request));
  }

  @Override
  public CompletionStream completeStreaming(CompletionRequest request) {
    TracedCall call = start(request, true);
    return stream(call, () -> delegate.completeStreaming(request));
  }

  @Override
  public Completion chat(ChatRequest request) {
    return start(request, false).run(() -> delegate.chat(request));
  }

  @Override
  public CompletionStream chatStreaming(ChatRequest request) {
    TracedCall call = start(request, true);
    return stream(call, () -> delegate.chatStreaming(request));
  }

  @Override
  public ScoredText score(ScoreRequest request) {
    String model = request.model() != null ? request.model() : defaults.model();
    TracedCall call = start(GenAiAttributes.SCORE, model, false, attributes -> {
      if (request.topLogprobs() > 0) {
        attributes.put(GenAiAttributes.REQUEST_TOP_LOGPROBS, request.topLogprobs());
      }
    }, () -> MessagesJson.input(request.fullText()));
    return call.score(() -> delegate.score(request));
  }

  @Override
  public CompletableFuture<Completion> completeAsync(CompletionRequest request) {
    TracedCall call = start(request, false);
    return async(call, () -> call.run(() -> delegate.complete(request)));
  }

  @Override
  public CompletableFuture<Completion> chatAsync(ChatRequest request) {
    TracedCall call = start(request, false);
    return async(call, () -> call.run(() -> delegate.chat(request)));
  }

  @Override
  public CompletableFuture<Completion> completeStreamingAsync(CompletionRequest request, Consumer<Chunk> onChunk) {
    TracedCall call = start(request, true);
    return async(call, () -> stream(call, () -> delegate.completeStreaming(request)).forwardTo(onChunk));
  }

  @Override
  public CompletableFuture<Completion> chatStreamingAsync(ChatRequest request, Consumer<Chunk> onChunk) {
    TracedCall call = start(request, true);
    return async(call, () -> stream(call, () -> delegate.chatStreaming(request)).forwardTo(onChunk));
  }

  @Override
  public Executor asyncExecutor() {
    return delegate.asyncExecutor();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "Traced[" + delegate + "]";
  }

  private TracedCall start(ChatRequest request, boolean streaming) {
    GenerationOptions sent = request.options().withDefaults(defaults);
    return start(GenAiAttributes.CHAT, sent.model(), streaming, attributes -> RequestAttributes.put(attributes, sent),
        () -> MessagesJson.input(request));
  }

  private TracedCall start(CompletionRequest request, boolean streaming) {
    GenerationOptions sent = request.options().withDefaults(defaults);
    return start(GenAiAttributes.TEXT_COMPLETION, sent.model(), streaming, attributes -> RequestAttributes.put(attributes, sent),
        () -> MessagesJson.input(request.prompt()));
  }

  /**
   * Starts the span with what sampling may look at (operation, provider, model, server), then adds
   * the request's other attributes only if the span records.
   */
  private TracedCall start(String operation, String model, boolean streaming, Consumer<AttributesBuilder> request, Supplier<String> input) {
    AttributesBuilder identity = common.toBuilder().put(GenAiAttributes.OPERATION_NAME, operation);
    if (model != null) {
      identity.put(GenAiAttributes.REQUEST_MODEL, model);
    }
    Attributes metricAttributes = identity.build();
    Context parent = Context.current();
    Span span = instrumentation.tracer()
        .spanBuilder(model == null ? operation : operation + " " + model)
        .setSpanKind(SpanKind.CLIENT)
        .setParent(parent)
        .setAllAttributes(metricAttributes)
        .startSpan();
    if (span.isRecording()) {
      AttributesBuilder attributes = Attributes.builder().put(GenAiAttributes.NEXTTOKEN_PROVIDER, sdkProvider);
      if (streaming) {
        attributes.put(GenAiAttributes.REQUEST_STREAM, true);
      }
      request.accept(attributes);
      if (instrumentation.captureContent()) {
        attributes.put(GenAiAttributes.INPUT_MESSAGES, input.get());
      }
      span.setAllAttributes(attributes.build());
    }
    return new TracedCall(instrumentation, span, parent, metricAttributes, streaming);
  }

  /** Runs {@code work} (which ends the call's span) on the model's executor; a refused submission ends it here. */
  private CompletableFuture<Completion> async(TracedCall call, Supplier<Completion> work) {
    try {
      return CompletableFuture.supplyAsync(work, delegate.asyncExecutor());
    } catch (RuntimeException e) {
      throw call.failed(e, null);
    }
  }

  @SuppressWarnings("try") // the scope is held for its effect: the attempts see the call's context
  private static CompletionStream stream(TracedCall call, Supplier<CompletionStream> open) {
    CompletionStream stream;
    try (Scope ignored = call.makeCurrent()) {
      stream = open.get();
    } catch (RuntimeException e) {
      throw call.failed(e, null);
    }
    return new TracedStream(stream, call);
  }
}
