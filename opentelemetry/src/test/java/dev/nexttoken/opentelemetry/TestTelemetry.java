package dev.nexttoken.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;

/** The real OpenTelemetry SDK with its in-memory span exporter and metric reader. */
final class TestTelemetry implements AutoCloseable {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .build();

  /** The one finished span; fails when there is not exactly one. */
  SpanData onlySpan() {
    List<SpanData> finished = spans.getFinishedSpanItems();
    if (finished.size() != 1) {
      throw new AssertionError("expected one finished span, got " + finished);
    }
    return finished.get(0);
  }

  /** Every point of the histogram {@code name} collected now. */
  List<HistogramPointData> histogram(String name) {
    List<HistogramPointData> points = new ArrayList<>();
    for (MetricData metric : metrics.collectAllMetrics()) {
      if (metric.getName().equals(name)) {
        points.addAll(metric.getHistogramData().getPoints());
      }
    }
    return points;
  }

  /** The one point of histogram {@code name} whose {@code key} is {@code value}. */
  static <T> HistogramPointData point(List<HistogramPointData> points, AttributeKey<T> key, T value) {
    List<HistogramPointData> matching = points.stream().filter(p -> value.equals(p.getAttributes().get(key))).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one point with " + key + "=" + value + ", got " + points);
    }
    return matching.get(0);
  }

  @Override
  public void close() {
    sdk.close();
  }
}
