package dev.nexttoken.benchmarks;

import dev.nexttoken.benchmarks.clients.BenchClient;
import dev.nexttoken.benchmarks.clients.Clients;
import dev.nexttoken.benchmarks.stub.Canned;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * One client against the stub (its base URL in the system property {@code bench.baseUrl}), one
 * checked call per operation. {@link BenchmarkSuite} runs each client in its own fork on its own
 * classpath; {@code -prof gc} gives allocation per operation and {@link CpuProfiler} CPU per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientBenchmark {
  /** The client to measure, by {@link Clients} name. */
  @Param("floor")
  public String client;

  private BenchClient calls;

  @Setup(Level.Trial)
  public void open() {
    String baseUrl = System.getProperty("bench.baseUrl");
    if (baseUrl == null) {
      throw new IllegalStateException("set -Dbench.baseUrl=http://127.0.0.1:PORT/v1 (the stub's address)");
    }
    calls = Clients.create(client, baseUrl);
  }

  @TearDown(Level.Trial)
  public void close() {
    calls.close();
  }

  /** Sequential chat with 64 tokens × 5 logprobs: calls/s. */
  @Benchmark
  public void chat() {
    calls.chat();
  }

  /** A 2,000-chunk stream, each chunk's logprobs read: chunks/s (so allocation and CPU are per chunk). */
  @Benchmark
  @OperationsPerInvocation(Canned.STREAM_CHUNKS)
  public void stream() {
    calls.stream();
  }

  /**
   * A streamed Responses answer of 2,000 text deltas, each delta's logprobs read: deltas/s (so
   * allocation and CPU are per delta, the closing events' share included).
   */
  @Benchmark
  @OperationsPerInvocation(Canned.STREAM_CHUNKS)
  public void responses() {
    calls.responses();
  }

  /** Legacy completions with {@code logprobs=5}: calls/s. */
  @Benchmark
  public void legacy() {
    calls.legacy();
  }

  /** 64 callers sharing one client, each making chat calls: calls/s in total. */
  @Benchmark
  @Threads(64)
  public void concurrent64() {
    calls.chat();
  }
}
