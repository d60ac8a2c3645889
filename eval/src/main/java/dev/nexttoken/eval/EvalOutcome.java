package dev.nexttoken.eval;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param status whether every row was written, and if not why the run stopped
 * @param total rows a finished run has: items × targets
 * @param written rows this run wrote
 * @param resumed rows an earlier run had written that this one kept
 * @param errors rows this run wrote with an error
 * @param tornLineDropped whether a torn last line left by a crash was cut off on resume
 * @param spend dollars spent, the earlier runs' rows included, on priced targets
 * @param directory where results.jsonl, summary.json and report.html are
 */
public record EvalOutcome(Status status, long total, long written, long resumed, long errors, boolean tornLineDropped, double spend,
    Path directory) {

  /** Why a run ended. */
  public enum Status {
    /** Every (item, target) row is written, some perhaps with provider errors. */
    COMPLETE,
    /** {@link Evaluation#stop()} was called (Ctrl-C): what finished is saved; resume for the rest. */
    STOPPED,
    /** The spend reached the run's maximum: what finished is saved; resume (with a higher maximum) for the rest. */
    MAX_COST
  }

  /** Whether every row is written. */
  public boolean complete() {
    return status == Status.COMPLETE;
  }
}
