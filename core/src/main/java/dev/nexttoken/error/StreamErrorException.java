package dev.nexttoken.error;

/** The provider reported an error inside a stream that had already started (an {@code error} payload after HTTP 200). */
public class StreamErrorException extends NextTokenException {
  public StreamErrorException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public StreamErrorException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
