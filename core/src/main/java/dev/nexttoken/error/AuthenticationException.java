package dev.nexttoken.error;

/** The API key is missing, invalid or expired (HTTP 401, Cohere 498). */
public class AuthenticationException extends ApiException {
  public AuthenticationException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public AuthenticationException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
