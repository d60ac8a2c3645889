package dev.nexttoken.error;

/** The key is valid but may not do this (HTTP 403). */
public class PermissionDeniedException extends ApiException {
  public PermissionDeniedException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public PermissionDeniedException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
