package dev.nexttoken.error;

/** The provider answered with an HTTP error status; subclasses name the common statuses, this class covers the rest (408, 409, 499, ...). */
public class ApiException extends NextTokenException {
  public ApiException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public ApiException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
