package dev.nexttoken.error;

/** The connection failed or broke: refused, reset, or closed before the response was complete. */
public class ConnectionException extends NextTokenException {
  public ConnectionException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public ConnectionException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
