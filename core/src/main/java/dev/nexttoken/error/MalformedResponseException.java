package dev.nexttoken.error;

/** The provider's response could not be read as what its format documents; the message says what was expected. */
public class MalformedResponseException extends NextTokenException {
  public MalformedResponseException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public MalformedResponseException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
