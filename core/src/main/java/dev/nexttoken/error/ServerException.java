package dev.nexttoken.error;

/** The provider failed (HTTP 5xx). */
public class ServerException extends ApiException {
  public ServerException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public ServerException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
