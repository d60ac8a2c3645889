package dev.nexttoken.error;

/** The model, route or resource does not exist (HTTP 404). */
public class NotFoundException extends ApiException {
  public NotFoundException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public NotFoundException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
