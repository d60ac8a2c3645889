package dev.nexttoken.error;

/** The request is wrong: rejected by the provider (HTTP 400, 413, 422) or by the SDK before sending, in which case {@link #httpStatus()} is 0. */
public class InvalidRequestException extends ApiException {
  public InvalidRequestException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public InvalidRequestException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
