package dev.nexttoken.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The request log's records, read through java.util.logging (slf4j-jdk14 is the test binding):
 * debug arrives as FINE, trace as FINEST. Closing restores the logger's level.
 */
final class CapturedLog extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("dev.nexttoken.http");
  private final Level previous;
  private final List<LogRecord> records = new ArrayList<>();

  CapturedLog(Level level) {
    previous = logger.getLevel();
    setLevel(Level.ALL);
    logger.setLevel(level);
    logger.addHandler(this);
  }

  /** Every message so far, formatted, at {@code level} or above. */
  synchronized List<String> lines(Level level) {
    List<String> lines = new ArrayList<>();
    for (LogRecord r : records) {
      if (r.getLevel().intValue() >= level.intValue()) {
        lines.add(r.getMessage());
      }
    }
    return lines;
  }

  synchronized List<String> lines() {
    return lines(Level.ALL);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
