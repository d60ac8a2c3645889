package dev.nexttoken.error;

/** A configured time limit passed: connecting, waiting for the first byte, silence inside a stream, or the total deadline. */
public class TimeoutException extends NextTokenException {
  /** Which limit passed. */
  public enum Kind {
    CONNECT,
    FIRST_BYTE,
    STREAM_IDLE,
    DEADLINE
  }

  private final Kind kind;

  public TimeoutException(Kind kind, String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
    this.kind = kind;
  }

  /** Which limit passed. */
  public Kind kind() {
    return kind;
  }
}
