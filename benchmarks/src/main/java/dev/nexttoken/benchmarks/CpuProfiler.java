package dev.nexttoken.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
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
 */
public final class CpuProfiler implements InternalProfiler {
  /** The secondary result's name. */
  public static final String METRIC = "cpu.us.norm";

  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startNanos;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = os.getProcessCpuTime();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's own signature uses the raw Result
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = os.getProcessCpuTime() - startNanos;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : cpu / 1000.0 / ops;
    return List.of(new ScalarResult(METRIC, perOp, "us/op", AggregationPolicy.AVG));
  }
}
