package dev.nexttoken.error;

/**
 * The credential is missing, invalid or expired (HTTP 401, Cohere 498), or a token provider could
 * not supply a token (status 0: nothing was sent).
 */
public class AuthenticationException extends ApiException {
  public AuthenticationException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public AuthenticationException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
