package dev.nexttoken.eval;

/**
 * A client's allowance of retries, so that a failing provider is not hit harder: every first attempt
 * earns {@code ratio} of a retry, every retry spends one, and a retry with nothing to spend is not
 * made (the failure is reported instead). The balance starts full at {@code reserve} and never
 * exceeds it, so a long healthy stretch does not bank a storm.
 *
 * <p>The same idea as AWS SDK v2's retry quota and gRPC's retry throttling: whatever the per-call
 * {@code maxRetries}, a run of {@code N} calls that all fail makes at most
 * {@code N + reserve + ratio · N} requests, not {@code N · (1 + maxRetries)}. Thread-safe.
 */
public final class RetryBudget {
  private final double ratio;
  private final double reserve;
  private double balance;

  /**
   * @param ratio retries earned per first attempt (0.1: one in ten)
   * @param reserve the most retries that can be spent at once, and the starting balance
   */
  public RetryBudget(double ratio, int reserve) {
    if (!(ratio >= 0) || reserve < 0) {
      throw new EvalInputException("a retry budget needs ratio >= 0 and reserve >= 0, was " + ratio + " and " + reserve);
    }
    this.ratio = ratio;
    this.reserve = reserve;
    this.balance = reserve;
  }

  /** A first attempt is being made: it earns its share of a retry. */
  public synchronized void onFirstAttempt() {
    balance = Math.min(reserve, balance + ratio);
  }

  /** Takes one retry from the budget; false, and nothing taken, when less than one is left. */
  public synchronized boolean tryRetry() {
    if (balance < 1) {
      return false;
    }
    balance -= 1;
    return true;
  }

  /** What is left, in retries. */
  public synchronized double balance() {
    return balance;
  }
}
