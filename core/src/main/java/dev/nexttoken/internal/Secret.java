package dev.nexttoken.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The secrets one transport has sent (its API key, or the tokens a token provider issued), and the
 * one place they are cut out of text: every exception message, provider message and
 * {@code toString()} the SDK builds from what a server or a token provider said goes through
 * {@link #redact(String)}.
 *
 * <p>Thread-safe. It remembers the {@value #REMEMBERED} most recent distinct secrets: a process that
 * refreshes a token every hour for months must not grow without bound, and a server can only echo
 * a token it was recently sent.
 */
public final class Secret {
  static final int REMEMBERED = 32;
  private static final int CAUSES = 8;

  private volatile List<String> values = List.of();

  /** Remembers {@code value}, which is about to be sent; from now on it is redacted. */
  public void add(String value) {
    List<String> current = values;
    if (current.contains(value)) {
      return;
    }
    synchronized (this) {
      List<String> next = new ArrayList<>(values);
      if (next.contains(value)) {
        return;
      }
      next.add(0, value);
      if (next.size() > REMEMBERED) {
        next.remove(next.size() - 1);
      }
      List<String> longestFirst = new ArrayList<>(next);
      // A secret that contains another must be cut out whole, before the shorter one breaks it up.
      longestFirst.sort(Comparator.comparingInt(String::length).reversed());
      values = List.copyOf(longestFirst);
    }
  }

  /** {@code text} with every remembered secret replaced by {@code ***}; null stays null. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String value : values) {
      result = result.replace(value, "***");
    }
    return result;
  }

  /**
   * A stand-in for {@code e} to keep as a cause: its class name and redacted message, its stack
   * trace, and likewise for its causes. The original may quote a response or a token provider's
   * text; the stand-in keeps what a reader of the trace needs.
   */
  public RuntimeException standIn(Throwable e) {
    return copy(e, CAUSES);
  }

  private RuntimeException copy(Throwable e, int depth) {
    Throwable cause = e.getCause();
    RuntimeException copy = new RuntimeException(redact(e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())),
        cause == null || cause == e || depth <= 1 ? null : copy(cause, depth - 1));
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  @Override
  public String toString() {
    return "Secret[***]";
  }
}
