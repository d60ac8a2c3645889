package dev.nexttoken.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Runs every item of a dataset on every target, and writes {@code results.jsonl} (one row per item
 * and target, appended as each finishes), {@code summary.json} and {@code report.html} in one
 * directory.
 *
 * <pre>{@code
 * try (LanguageModel llama = LlamaCppModel.builder().baseUrl(url).retry(RetrySettings.NONE).build()) {
 *   EvalOutcome outcome = Evaluation.builder()
 *       .items(Dataset.read(Path.of("items.jsonl")))
 *       .target(Target.of("llamacpp", llama))
 *       .out(Path.of("run-1"))
 *       .build()
 *       .run();
 * }
 * }</pre>
 *
 * <p>Each target runs at its own {@link TargetLimits}: that many threads, its own pace and retry
 * budget; a target that keeps failing is paused and its remaining rows are written with the error,
 * while the others go on. Every row is handed to the operating system as it is written, so a crash
 * loses at most the rows in flight; {@link Builder#resume(boolean) resume} then runs only the pairs
 * not yet written. {@link #stop()} (Ctrl-C) and the maximum spend stop starting items, let those in
 * flight finish (for up to {@link Builder#stopGrace}) and still write the summary and report of
 * everything saved.
 */
public final class Evaluation {
  private final List<EvalItem> items;
  private final List<Target> targets;
  private final Path directory;
  private final boolean resume;
  private final Double maxCost;
  private final PriceTable prices;
  private final EvalProgress progress;
  private final Duration stopGrace;
  private final Ticker ticker;
  private volatile EvalOutcome.Status stopReason;
  private volatile boolean forced;

  private Evaluation(Builder b) {
    this.items = List.copyOf(b.items);
    this.targets = List.copyOf(b.targets);
    this.directory = b.directory;
    this.resume = b.resume;
    this.maxCost = b.maxCost;
    this.prices = b.prices;
    this.progress = b.progress;
    this.stopGrace = b.stopGrace;
    this.ticker = b.ticker;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Stops starting items; those in flight finish and are saved. Safe from any thread, e.g. a shutdown hook. */
  public void stop() {
    if (stopReason == null) {
      stopReason = EvalOutcome.Status.STOPPED;
    }
  }

  private boolean stopping() {
    return stopReason != null;
  }

  /**
   * Runs what is left to run; returns when every row is written or the run stopped.
   *
   * @throws EvalInputException when the directory is not empty and this is no resume, or the results
   *     file of a resume is damaged beyond a torn last line
   */
  public EvalOutcome run() {
    prepareDirectory();
    AtomicLong written = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    DoubleAdder spend = new DoubleAdder();
    long started = ticker.nanos();
    EvalOutcome outcome;
    Path resultsPath;
    try (ResultsFile results = ResultsFile.open(directory.resolve("results.jsonl"), resume)) {
      resultsPath = results.path();
      spend.add(results.resumedSpend());
      long total = (long) items.size() * targets.size();
      long alreadyDone = 0;
      for (Target t : targets) {
        for (EvalItem item : items) {
          alreadyDone += results.isDone(item.id(), t.name()) ? 1 : 0;
        }
      }
      long resumed = alreadyDone;
      ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("eval-progress"));
      Runnable report = () -> progress.update(snapshot(resumed + written.get(), total, errors.get(), written.get(), spend.sum(), started));
      long every = progress.interval().toMillis();
      ticks.scheduleAtFixedRate(report, every, every, TimeUnit.MILLISECONDS);
      List<ExecutorService> pools = new ArrayList<>();
      try {
        for (Target target : targets) {
          pools.add(start(target, results, written, errors, spend));
        }
        awaitAll(pools);
      } finally {
        ticks.shutdownNow();
        for (ExecutorService pool : pools) {
          pool.shutdownNow();
        }
      }
      progress.finish(snapshot(resumed + written.get(), total, errors.get(), written.get(), spend.sum(), started));
      boolean all = resumed + written.get() == total;
      EvalOutcome.Status status = all ? EvalOutcome.Status.COMPLETE : stopReason != null ? stopReason : EvalOutcome.Status.STOPPED;
      outcome = new EvalOutcome(status, total, written.get(), resumed, errors.get(), results.tornLineDropped(), spend.sum(), directory);
    }
    // The file is closed (every row flushed) before it is read back.
    Summary summary = Summary.read(resultsPath, targets);
    summary.write(directory.resolve("summary.json"), outcome, prices);
    ReportPage.write(directory.resolve("report.html"), summary, resultsPath, items, outcome);
    return outcome;
  }

  private ExecutorService start(Target target, ResultsFile results, AtomicLong written, AtomicLong errors, DoubleAdder spend) {
    TargetGuard guard = new TargetGuard(target.limits(), ticker, this::stopping);
    ItemRunner runner = new ItemRunner(target, guard, prices);
    AtomicInteger cursor = new AtomicInteger();
    int threads = target.limits().concurrency();
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("eval-" + target.name()));
    for (int i = 0; i < threads; i++) {
      pool.execute(() -> {
        while (!stopping()) {
          int next = cursor.getAndIncrement();
          if (next >= items.size()) {
            return;
          }
          EvalItem item = items.get(next);
          if (results.isDone(item.id(), target.name())) {
            continue;
          }
          if (maxCost != null && spend.sum() >= maxCost) {
            if (stopReason == null) {
              stopReason = EvalOutcome.Status.MAX_COST;
            }
            return;
          }
          ResultRow row;
          try {
            row = runner.run(item);
          } catch (StoppedException e) {
            return;
          }
          if (forced && row.error() != null) {
            return; // interrupted by the stop itself: no answer, and no error of the provider's either
          }
          results.append(row.toJsonLine());
          written.incrementAndGet();
          if (row.error() != null) {
            errors.incrementAndGet();
          }
          if (row.cost() != null) {
            spend.add(row.cost());
          }
        }
      });
    }
    pool.shutdown();
    return pool;
  }

  /** Waits for every target; once stopping, for at most the grace period, then interrupts what is still in flight. */
  private void awaitAll(List<ExecutorService> pools) {
    try {
      long graceEnds = Long.MAX_VALUE;
      for (ExecutorService pool : pools) {
        while (!pool.awaitTermination(100, TimeUnit.MILLISECONDS)) {
          if (stopping() && graceEnds == Long.MAX_VALUE) {
            graceEnds = System.nanoTime() + stopGrace.toNanos();
          }
          if (System.nanoTime() > graceEnds) {
            forced = true;
            pools.forEach(ExecutorService::shutdownNow);
          }
        }
      }
    } catch (InterruptedException e) {
      stop();
      forced = true;
      pools.forEach(ExecutorService::shutdownNow);
      Thread.currentThread().interrupt();
    }
  }

  private EvalProgress.Snapshot snapshot(long done, long total, long errors, long writtenNow, double spend, long started) {
    long elapsedNanos = Math.max(1, ticker.nanos() - started);
    double rate = writtenNow * 1e9 / elapsedNanos;
    Duration eta = writtenNow == 0 ? null : Duration.ofSeconds((long) Math.ceil((total - done) / Math.max(rate, 1e-9)));
    return new EvalProgress.Snapshot(done, total, errors, rate, Duration.ofNanos(elapsedNanos), eta, spend);
  }

  private void prepareDirectory() {
    try {
      if (Files.isDirectory(directory)) {
        boolean empty;
        try (var entries = Files.list(directory)) {
          empty = entries.findAny().isEmpty();
        }
        if (!empty && !resume) {
          throw new EvalInputException("output directory " + directory + " is not empty; pass --resume to continue the run in it, "
              + "or name a new directory (nothing was overwritten)");
        }
      } else if (Files.exists(directory)) {
        throw new EvalInputException("output " + directory + " exists and is not a directory");
      }
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new EvalInputException("cannot use output directory " + directory + ": " + e.getMessage(), e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Configures an evaluation; items, at least one target and the directory are required. */
  public static final class Builder {
    private List<EvalItem> items = List.of();
    private final List<Target> targets = new ArrayList<>();
    private Path directory;
    private boolean resume;
    private Double maxCost;
    private PriceTable prices;
    private EvalProgress progress = EvalProgress.NONE;
    private Duration stopGrace = Duration.ofSeconds(30);
    private Ticker ticker = Ticker.SYSTEM;

    private Builder() {}

    public Builder items(List<EvalItem> value) {
      this.items = List.copyOf(value);
      return this;
    }

    /** Adds a target; names must be unique. */
    public Builder target(Target value) {
      targets.add(Objects.requireNonNull(value, "target"));
      return this;
    }

    /** The output directory: refused when not empty, unless resuming. */
    public Builder out(Path value) {
      this.directory = value;
      return this;
    }

    /** Continue a run in its directory: only the pairs not yet in its {@code results.jsonl} run. */
    public Builder resume(boolean value) {
      this.resume = value;
      return this;
    }

    /** Stop starting items once the spend (earlier runs' rows included) reaches {@code dollars}; null: no limit. */
    public Builder maxCost(Double dollars) {
      if (dollars != null && !(dollars >= 0)) {
        throw new EvalInputException("--max-cost must be a number of dollars >= 0, was " + dollars);
      }
      this.maxCost = dollars;
      return this;
    }

    /** The prices (default: {@link PriceTable#builtIn()}). */
    public Builder prices(PriceTable value) {
      this.prices = value;
      return this;
    }

    public Builder progress(EvalProgress value) {
      this.progress = Objects.requireNonNull(value, "progress");
      return this;
    }

    /** How long calls in flight may finish after a stop before they are interrupted (default 30 s). */
    public Builder stopGrace(Duration value) {
      this.stopGrace = Objects.requireNonNull(value, "stopGrace");
      return this;
    }

    Builder ticker(Ticker value) {
      this.ticker = value;
      return this;
    }

    public Evaluation build() {
      if (items.isEmpty()) {
        throw new EvalInputException("an evaluation needs at least one item");
      }
      if (targets.isEmpty()) {
        throw new EvalInputException("an evaluation needs at least one target (--target PROVIDER[:MODEL][@BASE_URL])");
      }
      if (directory == null) {
        throw new EvalInputException("an evaluation needs an output directory (--out DIR)");
      }
      Set<String> names = new HashSet<>();
      for (Target t : targets) {
        if (!names.add(t.name())) {
          throw new EvalInputException("target " + t.name() + " is given twice; rows are keyed by (id, target)");
        }
      }
      if (prices == null) {
        prices = PriceTable.builtIn();
      }
      if (maxCost != null) {
        for (Target t : targets) {
          if (prices.find(t.provider(), t.model()) == null) {
            throw new EvalInputException("--max-cost needs a price for every target, and " + t.name() + " has none"
                + (t.model() == null ? " (name its model: " + t.provider() + ":MODEL)" : "") + "; add it with --prices FILE");
          }
        }
      }
      return new Evaluation(this);
    }
  }
}
