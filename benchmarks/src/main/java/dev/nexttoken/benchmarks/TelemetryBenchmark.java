package dev.nexttoken.benchmarks;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.benchmarks.stub.Canned;
import dev.nexttoken.benchmarks.stub.StubServer;
import dev.nexttoken.openai.OpenAiModel;
import dev.nexttoken.opentelemetry.NextTokenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the OpenTelemetry wrapper adds to a call, {@code plain} against {@code traced} in one JMH run:
 * the same OpenAI model against the same stub (its own in-process {@link StubServer} on 127.0.0.1,
 * or {@code -Dbench.baseUrl}), traced with the real SDK recording every span (sampled, batched, then
 * dropped by the exporter) and every metric point, the attempt listener on. Run by hand:
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)" org.openjdk.jmh.Main TelemetryBenchmark \
 *     -f 1 -wi 3 -w 3s -i 5 -r 5s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TelemetryBenchmark {
  @Param({"plain", "traced"})
  public String telemetry;

  private StubServer stub;
  private OpenTelemetrySdk sdk;
  private LanguageModel model;
  private final ChatRequest chat = ChatRequest.builder().user(Canned.PROMPT).maxTokens(Canned.TOKENS).topLogprobs(Canned.TOP).build();
  private final ChatRequest stream = ChatRequest.builder().user(Canned.PROMPT).maxTokens(Canned.STREAM_CHUNKS).topLogprobs(Canned.TOP).build();

  @Setup(Level.Trial)
  public void open() throws IOException {
    String baseUrl = System.getProperty("bench.baseUrl");
    if (baseUrl == null) {
      stub = StubServer.start(0);
      baseUrl = stub.baseUrl();
    }
    OpenAiModel.Builder builder = OpenAiModel.builder().baseUrl(baseUrl).apiKey(Canned.API_KEY).model(Canned.CHAT_MODEL);
    if (telemetry.equals("plain")) {
      model = builder.build();
      return;
    }
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(new DroppingSpans()).build()).build())
        .setMeterProvider(SdkMeterProvider.builder()
            .registerMetricReader(PeriodicMetricReader.builder(new DroppingMetrics()).setInterval(Duration.ofSeconds(10)).build()).build())
        .build();
    NextTokenTelemetry traced = NextTokenTelemetry.create(sdk);
    model = traced.wrap(builder.requestListener(traced.requestListener()).build());
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    model.close();
    if (sdk != null) {
      sdk.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  /** Sequential chat with 64 tokens × 5 logprobs: calls/s. */
  @Benchmark
  public Completion chat() {
    Completion answer = model.chat(chat);
    if (answer.logprobs().size() != Canned.TOKENS) {
      throw new IllegalStateException("expected " + Canned.TOKENS + " positions, got " + answer.logprobs().size());
    }
    return answer;
  }

  /** A 2,000-chunk stream read to its end: chunks/s. */
  @Benchmark
  @OperationsPerInvocation(Canned.STREAM_CHUNKS)
  public int stream() {
    int withLogprobs = 0;
    try (CompletionStream s = model.chatStreaming(stream)) {
      for (Chunk chunk : s) {
        if (chunk.logprobs() != null && !chunk.logprobs().isEmpty()) {
          withLogprobs++;
        }
      }
    }
    if (withLogprobs != Canned.STREAM_CHUNKS) {
      throw new IllegalStateException("expected " + Canned.STREAM_CHUNKS + " chunks with logprobs, got " + withLogprobs);
    }
    return withLogprobs;
  }

  /** An exporter that accepts every span and keeps none: the SDK's recording and batching are what is measured. */
  static final class DroppingSpans implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  static final class DroppingMetrics implements MetricExporter {
    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType type) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
