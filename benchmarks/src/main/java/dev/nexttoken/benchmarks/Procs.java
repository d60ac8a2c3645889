package dev.nexttoken.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts and waits for child processes, each with its output in a log file. */
final class Procs {
  private final long timeoutMinutes;

  Procs(long timeoutMinutes) {
    this.timeoutMinutes = timeoutMinutes;
  }

  /** The {@code java} launcher of the running JVM, so every child runs on the same JDK. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Runs {@code command} to completion; fails with the log's path when it exits non-zero. */
  void run(List<String> command, Path log) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("timed out after " + timeoutMinutes + " min; see " + log);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("exit " + process.exitValue() + " from " + command.get(command.size() > 3 ? 3 : 0) + "; see " + log);
    }
  }

  /** Runs {@code command} and returns its wall time from start to exit, in milliseconds. */
  double timed(List<String> command, Path log) throws IOException {
    long start = System.nanoTime();
    run(command, log);
    return (System.nanoTime() - start) / 1e6;
  }
}
