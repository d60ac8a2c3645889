package dev.nexttoken.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nexttoken.benchmarks.stub.Canned;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rebuilding a {@link ProbabilityTable} from neutral logprobs, as a function of the number of positions
 * and of alternatives per position ({@code k}); candidates/s is tables/s × positions × k.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TableBenchmark {
  @Param({"64", "512", "4096"})
  public int positions;

  @Param({"1", "5", "20"})
  public int k;

  private List<TokenLogprob> tokens;

  @Setup
  public void build() {
    tokens = tokens(positions, k);
  }

  /** {@code positions} tokens cycling through the canned ones, each with {@code k} ranked alternatives. */
  static List<TokenLogprob> tokens(int positions, int k) {
    List<TokenLogprob> list = new ArrayList<>(positions);
    for (int i = 0; i < positions; i++) {
      int p = i % Canned.TOKENS;
      List<TokenCandidate> top = new ArrayList<>(k);
      for (int r = 0; r < k; r++) {
        String token = r == 0 ? Canned.token(p) : r < Canned.TOP ? Canned.topToken(p, r) : Canned.topToken(p, 1) + r;
        double logprob = r == 0 ? Canned.logprob(p) : r < Canned.TOP ? Canned.topLogprob(p, r) : Canned.topLogprob(p, Canned.TOP - 1) - 0.1 * r;
        top.add(new TokenCandidate(token, token.getBytes(UTF_8), null, logprob));
      }
      list.add(new TokenLogprob(Canned.token(p), Canned.token(p).getBytes(UTF_8), null, Canned.logprob(p), top));
    }
    return list;
  }

  @Benchmark
  public ProbabilityTable rebuild() {
    return ProbabilityTable.of(tokens);
  }
}
