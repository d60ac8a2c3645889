package dev.nexttoken.cli;

import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.RequestListener;
import dev.nexttoken.opentelemetry.NextTokenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

/**
 * OpenTelemetry for one run of the CLI, configured by the SDK's autoconfiguration from the standard
 * {@code OTEL_*} variables; on only when {@code OTEL_TRACES_EXPORTER} or {@code OTEL_METRICS_EXPORTER}
 * names an exporter. {@code logging-otlp} writes one OTLP JSON document a line to stderr, {@code otlp}
 * sends to a collector ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, HTTP/protobuf). Closing flushes and shuts
 * the SDK down, so every span and metric is out before the command returns.
 *
 * <p>The variables listed in {@link #SETTINGS} are read through the command's {@link Environment}
 * (a system property {@code otel.*} beats the variable, as everywhere in the CLI, and tests pass
 * their own); autoconfiguration reads any other {@code OTEL_*} variable from the process itself.
 * {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true} records prompts and answers.
 */
final class CliTelemetry implements AutoCloseable {
  /** Where the {@code logging-otlp} exporters write (their loggers are named after their classes, below this). */
  private static final String OTLP_JSON_LOGGERS = "io.opentelemetry.exporter.logging.otlp";
  private static final String CAPTURE_CONTENT = "otel.instrumentation.genai.capture-message-content";
  private static final List<String> SETTINGS = List.of("otel.traces.exporter", "otel.metrics.exporter", "otel.logs.exporter",
      "otel.service.name", "otel.resource.attributes", "otel.traces.sampler", "otel.traces.sampler.arg",
      "otel.exporter.otlp.endpoint", "otel.exporter.otlp.traces.endpoint", "otel.exporter.otlp.metrics.endpoint",
      "otel.exporter.otlp.protocol", "otel.exporter.otlp.headers", "otel.exporter.otlp.timeout", "otel.metric.export.interval",
      "otel.sdk.disabled", CAPTURE_CONTENT);

  private final OpenTelemetrySdk sdk;
  private final NextTokenTelemetry telemetry;
  private final StderrLog otlpJson;

  private CliTelemetry(OpenTelemetrySdk sdk, NextTokenTelemetry telemetry, StderrLog otlpJson) {
    this.sdk = sdk;
    this.telemetry = telemetry;
    this.otlpJson = otlpJson;
  }

  /**
   * The run's telemetry, or null when no exporter is asked for.
   *
   * @throws CliException when the SDK refuses the settings (an unknown exporter, a bad endpoint)
   */
  static CliTelemetry open(Environment environment, PrintWriter err) {
    Map<String, String> settings = new HashMap<>();
    for (String property : SETTINGS) {
      String value = environment.get(property, variable(property));
      if (value != null) {
        settings.put(property, value);
      }
    }
    if (off(settings.get("otel.traces.exporter")) && off(settings.get("otel.metrics.exporter"))) {
      return null;
    }
    // Autoconfiguration's own default is otlp for every signal: export only what was asked for.
    Map<String, String> defaults = Map.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none", "otel.logs.exporter", "none",
        "otel.service.name", "nexttoken-cli");
    StderrLog otlpJson = StderrLog.attach(OTLP_JSON_LOGGERS, Level.INFO, err, "");
    try {
      OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> defaults)
          .addPropertiesCustomizer(config -> settings)
          .disableShutdownHook()
          .build()
          .getOpenTelemetrySdk();
      boolean capture = Boolean.parseBoolean(settings.get(CAPTURE_CONTENT));
      return new CliTelemetry(sdk, NextTokenTelemetry.builder(sdk).captureMessageContent(capture).build(), otlpJson);
    } catch (RuntimeException e) {
      otlpJson.close();
      throw new CliException("OpenTelemetry is not configured: " + e.getMessage());
    }
  }

  /** {@code otel.traces.exporter} → {@code OTEL_TRACES_EXPORTER}. */
  static String variable(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static boolean off(String exporter) {
    return exporter == null || exporter.strip().equalsIgnoreCase("none");
  }

  LanguageModel wrap(LanguageModel model) {
    return telemetry.wrap(model);
  }

  RequestListener requestListener() {
    return telemetry.requestListener();
  }

  @Override
  public void close() {
    try {
      sdk.close();
    } finally {
      otlpJson.close();
    }
  }
}
