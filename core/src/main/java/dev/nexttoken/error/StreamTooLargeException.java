package dev.nexttoken.error;

/** A single stream event or line exceeded the configured maximum size; the stream is closed rather than buffered without bound. */
public class StreamTooLargeException extends MalformedResponseException {
  public StreamTooLargeException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public StreamTooLargeException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
