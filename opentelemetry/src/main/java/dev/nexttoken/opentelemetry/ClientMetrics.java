package dev.nexttoken.opentelemetry;

import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/**
 * The GenAI client metrics, with the bucket boundaries the conventions specify (given as advice,
 * so an application's views still win).
 */
final class ClientMetrics {
  /** Seconds: the conventions' boundaries for operation duration and time to first chunk alike. */
  static final List<Double> DURATION_BUCKETS =
      List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
  /** Tokens: powers of 4 from 1 to 4^13. */
  static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L,
      4194304L, 16777216L, 67108864L);

  final DoubleHistogram duration;
  final LongHistogram tokenUsage;
  final DoubleHistogram timeToFirstChunk;

  ClientMetrics(Meter meter) {
    duration = meter.histogramBuilder(GenAiAttributes.DURATION_METRIC)
        .setUnit("s")
        .setDescription("GenAI operation duration.")
        .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
        .build();
    tokenUsage = meter.histogramBuilder(GenAiAttributes.TOKEN_USAGE_METRIC)
        .ofLongs()
        .setUnit("{token}")
        .setDescription("Number of input and output tokens used.")
        .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
        .build();
    timeToFirstChunk = meter.histogramBuilder(GenAiAttributes.TIME_TO_FIRST_CHUNK_METRIC)
        .setUnit("s")
        .setDescription("Time to receive the first chunk of a streamed response.")
        .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
        .build();
  }
}
