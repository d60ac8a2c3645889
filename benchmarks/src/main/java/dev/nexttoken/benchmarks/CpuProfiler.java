package dev.nexttoken.benchmarks;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU per operation from the benchmark JVM's process CPU time (all its threads: callers, HTTP
 * threads, GC, JIT), divided by all operations of the iteration the way {@code -prof gc} normalises
 * allocation. Use with {@code -prof dev.nexttoken.benchmarks.CpuProfiler}; reports {@code cpu.us.norm}.
 *
 * <p>When {@code bench.baseUrl} names the stub, it also charges the stub's side to the client: the stub
 * process's CPU per operation ({@code stub.cpu.us.norm}; the same bytes cost the server more when a
 * client reads them in more, smaller reads) and the connections the stub accepted per 1,000 operations
 * ({@code stub.connections.per1k}; a client whose pool keeps too few idle connections opens new ones).
 */
public final class CpuProfiler implements InternalProfiler {
  /** The secondary result's name. */
  public static final String METRIC = "cpu.us.norm";
  /** The stub's CPU per operation. */
  public static final String STUB_CPU = "stub.cpu.us.norm";
  /** Connections the stub accepted per 1,000 operations. */
  public static final String STUB_CONNECTIONS = "stub.connections.per1k";

  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final URI stub = stubAddress();
  private long startNanos;
  private long[] stubStart;

  @Override
  public String getDescription() {
    return "process CPU time per operation, the client's and the stub's";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    stubStart = stubStats();
    startNanos = os.getProcessCpuTime();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's own signature uses the raw Result
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = os.getProcessCpuTime() - startNanos;
    long[] stubEnd = stubStats();
    long ops = result.getMetadata().getAllOps();
    Result client = new ScalarResult(METRIC, perOp(cpu / 1000.0, ops), "us/op", AggregationPolicy.AVG);
    if (stubEnd == null || stubStart == null) {
      return List.of(client);
    }
    return List.of(client,
        new ScalarResult(STUB_CPU, perOp((stubEnd[0] - stubStart[0]) / 1000.0, ops), "us/op", AggregationPolicy.AVG),
        // minus 1: the connection that asked for the second reading
        new ScalarResult(STUB_CONNECTIONS, perOp(1000.0 * (stubEnd[1] - stubStart[1] - 1), ops), "conn/1k ops", AggregationPolicy.AVG));
  }

  private static double perOp(double total, long ops) {
    return ops == 0 ? Double.NaN : total / ops;
  }

  private static URI stubAddress() {
    String base = System.getProperty("bench.baseUrl");
    return base == null ? null : URI.create(base);
  }

  /** The stub's {@code cpuNanos} and {@code connections}, on a connection of its own; null without a stub. */
  private long[] stubStats() {
    if (stub == null) {
      return null;
    }
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stub.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), US_ASCII);
      String[] fields = answer.substring(answer.indexOf("\r\n\r\n") + 4).trim().split(" ");
      return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
    } catch (IOException e) {
      throw new UncheckedIOException("the stub's /stats at " + stub, e);
    }
  }
}
