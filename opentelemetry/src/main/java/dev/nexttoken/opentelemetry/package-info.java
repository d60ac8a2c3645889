/**
 * OpenTelemetry GenAI spans and metrics for any {@link dev.nexttoken.LanguageModel}: wrap a model
 * with {@link dev.nexttoken.opentelemetry.NextTokenTelemetry#wrap} and every call is a
 * {@code chat}, {@code text_completion} or {@code score} span, with the
 * {@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage} and (streams)
 * {@code gen_ai.client.operation.time_to_first_chunk} histograms.
 *
 * <pre>{@code
 * OpenTelemetry otel = ...; // the application's SDK, e.g. AutoConfiguredOpenTelemetrySdk
 * NextTokenTelemetry telemetry = NextTokenTelemetry.create(otel);
 * try (LanguageModel model = telemetry.wrap(OpenAiModel.fromEnv()
 *     .requestListener(telemetry.requestListener())
 *     .model("gpt-4o-mini")
 *     .build())) {
 *   Completion answer = model.chat("Say hi"); // one span: "chat gpt-4o-mini"
 * }
 * }</pre>
 */
package dev.nexttoken.opentelemetry;
