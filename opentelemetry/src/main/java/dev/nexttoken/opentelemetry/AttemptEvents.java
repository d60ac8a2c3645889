package dev.nexttoken.opentelemetry;

import dev.nexttoken.RequestListener;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * The {@link RequestListener} that shows a call's HTTP attempts: one {@value GenAiAttributes#ATTEMPT_EVENT}
 * event per attempt on the call's span, with the HTTP conventions' names
 * ({@code http.request.resend_count} from the first retry on, {@code http.response.status_code},
 * {@code error.type}). Attempts made outside a traced call go on whatever span is current, if any.
 */
final class AttemptEvents implements RequestListener {
  static final AttemptEvents INSTANCE = new AttemptEvents();

  private AttemptEvents() {}

  @Override
  public void onAttempt(Attempt attempt) {
    TracedCall call = Context.current().get(TracedCall.KEY);
    if (call != null) {
      call.attempt(attempt);
      return;
    }
    Span span = Span.current();
    if (span.isRecording()) {
      span.addEvent(GenAiAttributes.ATTEMPT_EVENT, attributes(attempt));
    }
  }

  static Attributes attributes(Attempt attempt) {
    AttributesBuilder attributes = Attributes.builder()
        .put(GenAiAttributes.HTTP_REQUEST_METHOD, attempt.method())
        .put(GenAiAttributes.URL_FULL, attempt.url())
        .put(GenAiAttributes.ATTEMPT_DURATION, attempt.duration().toNanos() / 1e9);
    if (attempt.number() > 1) {
      attributes.put(GenAiAttributes.HTTP_REQUEST_RESEND_COUNT, attempt.number() - 1);
    }
    if (attempt.status() > 0) {
      attributes.put(GenAiAttributes.HTTP_RESPONSE_STATUS_CODE, attempt.status());
    }
    // As the HTTP conventions have it: the exception's class when no response came, else an error status as text.
    if (attempt.errorType() != null) {
      attributes.put(GenAiAttributes.ERROR_TYPE, attempt.errorType());
    } else if (attempt.status() >= 400) {
      attributes.put(GenAiAttributes.ERROR_TYPE, Integer.toString(attempt.status()));
    }
    return attributes.build();
  }
}
