package dev.nexttoken.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One target's items outside an {@link Evaluation}, e.g. in a Spark partition: the same pace, retries,
 * retry budget and pausing, and the same rows, as {@code results.jsonl} lines. Holds no global state:
 * each runner has its own budget and limiter, so one per partition keeps each bounded.
 */
public final class TargetRunner {
  private final Target target;
  private final ItemRunner runner;

  public TargetRunner(Target target, PriceTable prices) {
    this.target = target;
    this.runner = new ItemRunner(target, new TargetGuard(target.limits(), Ticker.SYSTEM, () -> false), prices == null ? PriceTable.builtIn() : prices);
  }

  /** The row of one item, as one line of JSON without its newline; a failure is the row's {@code error}. */
  public String run(EvalItem item) {
    String line = runner.run(item).toJsonLine();
    return line.substring(0, line.length() - 1);
  }

  /** The rows of {@code items}, in their order, run {@link TargetLimits#concurrency()} at a time. */
  public List<String> runAll(List<EvalItem> items) {
    ExecutorService pool = Executors.newFixedThreadPool(target.limits().concurrency(), r -> {
      Thread t = new Thread(r, "eval-" + target.name());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<String>> rows = new ArrayList<>(items.size());
      for (EvalItem item : items) {
        rows.add(pool.submit(() -> run(item)));
      }
      List<String> out = new ArrayList<>(items.size());
      for (Future<String> row : rows) {
        out.add(row.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + target.name(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("running " + target.name() + " failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
