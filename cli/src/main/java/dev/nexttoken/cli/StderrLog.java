package dev.nexttoken.cli;

import dev.nexttoken.Environment;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One java.util.logging logger's records, one line each, on the command's stderr for the length of
 * a run; closing puts the logger back as it was. The SDK logs through SLF4J, which the CLI binds to
 * java.util.logging (slf4j-jdk14), so this is how its request log reaches stderr; the OpenTelemetry
 * {@code logging-otlp} exporters write their JSON the same way. Never stdout: that is the command's
 * output, a JSON document with {@code --format json}.
 */
final class StderrLog extends Handler implements AutoCloseable {
  /** The SDK's request log: method, URL, attempt, status, time, headers with credentials cut out. */
  static final String REQUEST_LOG = "dev.nexttoken.http";

  private final Logger logger; // held: java.util.logging keeps loggers only weakly
  private final Level previousLevel;
  private final boolean previousUseParents;
  private final PrintWriter err;
  private final String prefix;

  private StderrLog(String name, Level level, PrintWriter err, String prefix) {
    this.logger = Logger.getLogger(name);
    this.previousLevel = logger.getLevel();
    this.previousUseParents = logger.getUseParentHandlers();
    this.err = err;
    this.prefix = prefix;
    setLevel(Level.ALL);
    logger.setLevel(level);
    logger.setUseParentHandlers(false); // else the console handler prints each line a second time
    logger.addHandler(this);
  }

  /** The records of {@code name} at {@code level} and above, each as {@code prefix + message}. */
  static StderrLog attach(String name, Level level, PrintWriter err, String prefix) {
    return new StderrLog(name, level, err, prefix);
  }

  /**
   * The request log, when {@code NEXTTOKEN_LOG} (or {@code -Dnexttoken.log}) asks for it: {@code debug}
   * for each request's line, {@code trace} for bodies too; null for {@code off} or unset.
   *
   * @throws CliException for any other value
   */
  static StderrLog requestLog(Environment environment, PrintWriter err) {
    String value = environment.get("nexttoken.log", "NEXTTOKEN_LOG");
    if (value == null) {
      return null;
    }
    Level level = switch (value.toLowerCase(Locale.ROOT)) {
      case "debug" -> Level.FINE;
      case "trace" -> Level.FINEST;
      case "off" -> null;
      default -> throw new CliException("NEXTTOKEN_LOG must be debug, trace or off, was \"" + value + "\"");
    };
    return level == null ? null : attach(REQUEST_LOG, level, err, "nexttoken: ");
  }

  @Override
  public void publish(LogRecord record) {
    if (isLoggable(record)) {
      synchronized (err) {
        err.println(prefix + record.getMessage());
        err.flush();
      }
    }
  }

  @Override
  public void flush() {
    err.flush();
  }

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previousLevel);
    logger.setUseParentHandlers(previousUseParents);
  }
}
