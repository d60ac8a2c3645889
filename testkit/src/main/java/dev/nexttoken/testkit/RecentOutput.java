package dev.nexttoken.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/** Drains a process's output on a daemon thread and keeps its last lines, so errors can show them. */
final class RecentOutput {
  private final Deque<String> lines = new ArrayDeque<>();
  private final int maxLines;
  private final Thread reader;

  /** Starts draining {@code in}; each line also goes to {@code sink}. */
  RecentOutput(InputStream in, int maxLines, String threadName, Consumer<String> sink) {
    this.maxLines = maxLines;
    // An undrained pipe fills up and blocks the server, so the reader runs for the process's whole life.
    this.reader = new Thread(() -> drain(in, sink), threadName);
    reader.setDaemon(true);
    reader.start();
  }

  private void drain(InputStream in, Consumer<String> sink) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        synchronized (lines) {
          lines.addLast(line);
          if (lines.size() > maxLines) {
            lines.removeFirst();
          }
        }
        sink.accept(line);
      }
    } catch (IOException ignored) {
      // The process ended or was killed; what was read so far stays available.
    }
  }

  /** Waits a little for the reader to reach the end of the stream, for a complete log after the process ended. */
  void awaitEnd(long millis) {
    try {
      reader.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String text() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  String lastLine() {
    synchronized (lines) {
      return lines.isEmpty() ? "" : lines.getLast();
    }
  }
}
