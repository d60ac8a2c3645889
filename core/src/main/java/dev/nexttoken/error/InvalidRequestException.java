package dev.nexttoken.error;

/**
 * The provider rejected the request as wrong (HTTP 400, 413, 422). What the SDK refuses before
 * sending is a {@link RequestValidationException} instead, since no provider answered.
 */
public class InvalidRequestException extends ApiException {
  public InvalidRequestException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public InvalidRequestException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
