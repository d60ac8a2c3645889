package dev.nexttoken.eval;

import java.time.Duration;

/**
 * Told how a run is going, from one thread at a time: every {@link #interval()} while it runs, and once
 * at the end.
 */
public interface EvalProgress {
  /** Says nothing. */
  EvalProgress NONE = new EvalProgress() {
    @Override
    public void update(Snapshot now) {}
  };

  /**
   * Where a run stands.
   *
   * @param done rows written by this run and the earlier ones it resumes
   * @param total rows the run will have when it finishes (items × targets)
   * @param errors rows written with an error, this run
   * @param rowsPerSecond rows written per second by this run
   * @param elapsed time since this run started
   * @param eta the estimated time left, or null before anything was written
   * @param spend dollars spent by this run on priced targets
   */
  record Snapshot(long done, long total, long errors, double rowsPerSecond, Duration elapsed, Duration eta, double spend) {}

  void update(Snapshot now);

  /** The run ended (finished or stopped); the default shows the last snapshot as an update. */
  default void finish(Snapshot last) {
    update(last);
  }

  /** How often to be told while the run goes. */
  default Duration interval() {
    return Duration.ofSeconds(10);
  }
}
