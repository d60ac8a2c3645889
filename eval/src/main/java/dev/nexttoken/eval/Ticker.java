package dev.nexttoken.eval;

/** Time as the rate limiter sees it: the system's, or a test's that moves only when slept on. */
interface Ticker {
  Ticker SYSTEM = new Ticker() {
    @Override
    public long nanos() {
      return System.nanoTime();
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
      java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
    }
  };

  long nanos();

  void sleep(long nanos) throws InterruptedException;
}
