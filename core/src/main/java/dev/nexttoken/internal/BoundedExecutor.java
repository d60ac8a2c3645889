package dev.nexttoken.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntSupplier;

/**
 * Runs at most {@code limit} tasks at once on a delegate executor, queueing the rest; a queued task
 * runs on the thread that finished an earlier one, so no thread is created per task.
 *
 * <p>Why: OkHttp's dispatcher executor has no thread bound of its own (OkHttp bounds only calls it
 * enqueues itself, through {@code Dispatcher.maxRequests}), while the async API submits whole blocking
 * calls to it. Without this, 1,000 concurrent streams would mean 1,000 threads.
 */
public final class BoundedExecutor implements Executor {
  private final ExecutorService delegate;
  private final IntSupplier limit;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running;

  public BoundedExecutor(ExecutorService delegate, IntSupplier limit) {
    this.delegate = delegate;
    this.limit = limit;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (running >= Math.max(1, limit.getAsInt())) {
        waiting.add(task);
        return;
      }
      running++;
    }
    start(task);
  }

  private void start(Runnable task) {
    try {
      delegate.execute(() -> runThenDrain(task));
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        running--;
      }
      throw e;
    }
  }

  private void runThenDrain(Runnable first) {
    Runnable task = first;
    while (task != null) {
      boolean completed = false;
      try {
        task.run();
        completed = true;
      } finally {
        Runnable next;
        synchronized (this) {
          next = waiting.poll();
          if (next == null) {
            running--;
          }
        }
        if (!completed && next != null) {
          start(next); // this thread is unwinding with the task's exception: hand the next one on
        }
        task = completed ? next : null;
      }
    }
  }
}
