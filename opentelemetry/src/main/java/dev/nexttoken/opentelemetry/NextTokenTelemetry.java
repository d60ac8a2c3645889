package dev.nexttoken.opentelemetry;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.RequestListener;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * OpenTelemetry for nexttoken: every call of a wrapped {@link LanguageModel} (blocking, streamed or
 * async; chat, text completion, scoring) becomes a span and metric points following the GenAI
 * semantic conventions, with the SDK's own logprob summary under {@code nexttoken.*}.
 *
 * <pre>{@code
 * NextTokenTelemetry telemetry = NextTokenTelemetry.create(openTelemetry);
 * LanguageModel model = telemetry.wrap(OpenAiModel.fromEnv()
 *     .requestListener(telemetry.requestListener())   // optional: each HTTP attempt as a span event
 *     .model("gpt-4o-mini")
 *     .build());
 * }</pre>
 *
 * <p>Prompts and answers are recorded only with {@link Builder#captureMessageContent(boolean)}; keys
 * never are. A stream's span ends with the stream, so a stream must be closed (as it must anyway).
 * See docs/observability.md for every attribute. Thread-safe; one instance serves any number of
 * models.
 */
public final class NextTokenTelemetry {
  /** The instrumentation scope name of the tracer and meter. */
  public static final String INSTRUMENTATION_NAME = "dev.nexttoken.opentelemetry";
  private static final String INSTRUMENTATION_VERSION = "0.1.0";

  private final Instrumentation instrumentation;

  private NextTokenTelemetry(Builder builder) {
    OpenTelemetry otel = builder.openTelemetry;
    this.instrumentation = new Instrumentation(
        otel.tracerBuilder(INSTRUMENTATION_NAME).setInstrumentationVersion(INSTRUMENTATION_VERSION).build(),
        new ClientMetrics(otel.meterBuilder(INSTRUMENTATION_NAME).setInstrumentationVersion(INSTRUMENTATION_VERSION).build()),
        builder.captureMessageContent);
  }

  /** Telemetry through {@code openTelemetry}, without message content. */
  public static NextTokenTelemetry create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  /**
   * {@code model} with every call traced and measured; closing it closes {@code model}. Wrapping a
   * model twice traces each call twice.
   */
  public LanguageModel wrap(LanguageModel model) {
    return new TracedModel(Objects.requireNonNull(model, "model"), instrumentation);
  }

  /**
   * A listener for a model's builder ({@code requestListener(...)}) that adds each HTTP attempt,
   * retries included, to the call's span as a {@code nexttoken.http.attempt} event and counts them
   * in {@code nexttoken.attempts}. The same listener serves every model.
   */
  public RequestListener requestListener() {
    return AttemptEvents.INSTANCE;
  }

  /** Builds a {@link NextTokenTelemetry}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private boolean captureMessageContent;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /**
     * Whether to record prompts and answers ({@code gen_ai.input.messages},
     * {@code gen_ai.output.messages}) on spans; off by default, as the conventions ask: they may
     * hold personal data. Span attribute length limits of the SDK apply to them.
     */
    public Builder captureMessageContent(boolean value) {
      captureMessageContent = value;
      return this;
    }

    public NextTokenTelemetry build() {
      return new NextTokenTelemetry(this);
    }
  }
}
