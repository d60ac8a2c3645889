package dev.nexttoken.opentelemetry;

import dev.nexttoken.Completion;
import dev.nexttoken.RequestListener;
import dev.nexttoken.ScoredText;
import dev.nexttoken.Usage;
import dev.nexttoken.error.NextTokenException;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One model call's span and metric points, from start to its one end: an answer, a failure, or
 * (for a stream) a close before the end. Whatever ends it first wins; later ends are ignored, so a
 * stream closed from another thread while its last chunk arrives is recorded once.
 *
 * <p>While the call runs on a thread, its context (the span, and this object under {@link #KEY})
 * is current there, so that {@link AttemptEvents} can add each HTTP attempt to it.
 */
final class TracedCall {
  static final ContextKey<TracedCall> KEY = ContextKey.named("nexttoken.call");

  private final Instrumentation instrumentation;
  private final Span span;
  private final Context context;
  /** The attributes every metric point of this call carries: operation, provider, model, server. */
  private final Attributes metricAttributes;
  private final boolean streaming;
  private final long startNanos;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile long firstChunkNanos = -1;

  TracedCall(Instrumentation instrumentation, Span span, Context parent, Attributes metricAttributes, boolean streaming) {
    this.instrumentation = instrumentation;
    this.span = span;
    this.context = parent.with(span).with(KEY, this);
    this.metricAttributes = metricAttributes;
    this.streaming = streaming;
    this.startNanos = System.nanoTime();
  }

  /** Runs {@code call} with this call's context current, recording its answer or its failure. */
  @SuppressWarnings("try") // the scope is held for its effect: the context is current inside
  Completion run(Supplier<Completion> call) {
    Completion answer;
    try (Scope ignored = makeCurrent()) {
      answer = call.get();
    } catch (RuntimeException e) {
      throw failed(e, null);
    } catch (Error e) {
      throw failed(e, null);
    }
    return succeeded(answer);
  }

  /** As {@link #run}, for scoring. */
  @SuppressWarnings("try")
  ScoredText score(Supplier<ScoredText> call) {
    ScoredText scored;
    try (Scope ignored = makeCurrent()) {
      scored = call.get();
    } catch (RuntimeException e) {
      throw failed(e, null);
    } catch (Error e) {
      throw failed(e, null);
    }
    AttributesBuilder attributes = Attributes.builder();
    if (span.isRecording()) {
      AnswerAttributes.put(attributes, scored);
    }
    end(attributes, scored.model(), scored.usage());
    return scored;
  }

  Scope makeCurrent() {
    return context.makeCurrent();
  }

  void attempt(RequestListener.Attempt attempt) {
    attempts.incrementAndGet();
    if (span.isRecording()) {
      span.addEvent(GenAiAttributes.ATTEMPT_EVENT, AttemptEvents.attributes(attempt));
    }
  }

  /** The first chunk of a stream arrived (later calls are ignored). */
  void firstChunk() {
    if (firstChunkNanos < 0) {
      firstChunkNanos = System.nanoTime() - startNanos;
    }
  }

  Completion succeeded(Completion answer) {
    AttributesBuilder attributes = Attributes.builder();
    if (span.isRecording()) {
      AnswerAttributes.put(attributes, answer);
      if (instrumentation.captureContent()) {
        attributes.put(GenAiAttributes.OUTPUT_MESSAGES, MessagesJson.output(answer));
      }
    }
    end(attributes, answer.model(), answer.usage());
    return answer;
  }

  /**
   * Ends the span as failed: {@code error.type} is the exception's class name
   * ({@code dev.nexttoken.error.RateLimitException}), the status ERROR with the exception's message
   * (the SDK's messages never hold a key), plus the HTTP status and the provider's error code.
   *
   * @param partial what a stream delivered before failing, or null
   * @return {@code e}, to be thrown on
   */
  <E extends Throwable> E failed(E e, Completion partial) {
    if (ended.get()) {
      return e;
    }
    String type = e.getClass().getName();
    AttributesBuilder attributes = Attributes.builder().put(GenAiAttributes.ERROR_TYPE, type);
    if (span.isRecording()) {
      if (e instanceof NextTokenException failure) {
        if (failure.httpStatus() > 0) {
          attributes.put(GenAiAttributes.HTTP_RESPONSE_STATUS_CODE, failure.httpStatus());
        }
        if (failure.details().errorCode() != null) {
          attributes.put(GenAiAttributes.ERROR_CODE, failure.details().errorCode());
        }
        attributes.put(GenAiAttributes.ERROR_RETRYABLE, failure.isRetryable());
      }
      if (partial != null) {
        AnswerAttributes.put(attributes, partial);
      }
      span.setStatus(StatusCode.ERROR, e.getMessage() == null ? type : e.getMessage());
      span.recordException(e);
    }
    endWithError(attributes, type);
    return e;
  }

  /** Ends a stream's span that was closed before its end: not an error, marked {@code nexttoken.stream.cancelled}. */
  void cancelled(Completion partial) {
    AttributesBuilder attributes = Attributes.builder().put(GenAiAttributes.STREAM_CANCELLED, true);
    if (span.isRecording()) {
      AnswerAttributes.put(attributes, partial);
    }
    end(attributes, partial.model(), partial.usage());
  }

  private void end(AttributesBuilder spanAttributes, String responseModel, Usage usage) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    Attributes points = responseModel == null ? metricAttributes
        : metricAttributes.toBuilder().put(GenAiAttributes.RESPONSE_MODEL, responseModel).build();
    ClientMetrics metrics = instrumentation.metrics();
    metrics.duration.record(seconds(System.nanoTime() - startNanos), points);
    long ttfc = firstChunkNanos;
    if (streaming && ttfc >= 0) {
      metrics.timeToFirstChunk.record(seconds(ttfc), points);
      spanAttributes.put(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK, seconds(ttfc));
    }
    if (usage.promptTokens() != null) {
      metrics.tokenUsage.record(usage.promptTokens(), points.toBuilder().put(GenAiAttributes.TOKEN_TYPE, GenAiAttributes.TOKEN_INPUT).build());
    }
    if (usage.completionTokens() != null) {
      metrics.tokenUsage.record(usage.completionTokens(), points.toBuilder().put(GenAiAttributes.TOKEN_TYPE, GenAiAttributes.TOKEN_OUTPUT).build());
    }
    finishSpan(spanAttributes);
  }

  private void endWithError(AttributesBuilder spanAttributes, String errorType) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    Attributes points = metricAttributes.toBuilder().put(GenAiAttributes.ERROR_TYPE, errorType).build();
    instrumentation.metrics().duration.record(seconds(System.nanoTime() - startNanos), points);
    long ttfc = firstChunkNanos;
    if (streaming && ttfc >= 0) {
      instrumentation.metrics().timeToFirstChunk.record(seconds(ttfc), metricAttributes);
      spanAttributes.put(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK, seconds(ttfc));
    }
    finishSpan(spanAttributes);
  }

  private void finishSpan(AttributesBuilder spanAttributes) {
    if (span.isRecording()) {
      int n = attempts.get();
      if (n > 0) {
        spanAttributes.put(GenAiAttributes.ATTEMPTS, n);
      }
      span.setAllAttributes(spanAttributes.build());
    }
    span.end();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
