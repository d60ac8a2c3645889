package dev.nexttoken.error;

/**
 * The SDK refused the request before sending anything: a value outside the provider's range, or
 * (as the subclass {@link UnsupportedCapabilityException}) something the provider or model cannot
 * do at all. Nothing reached the provider, so {@link #httpStatus()} is 0 and repeating the same
 * request cannot help; a request the provider itself rejects is an {@link InvalidRequestException}.
 */
public class RequestValidationException extends NextTokenException {
  private final String field;

  /**
   * @param field the request field at fault ({@code "temperature"}, {@code "topLogprobs"}, ...), or
   *     null when no single field is (a whole operation refused)
   */
  public RequestValidationException(String message, String field, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
    this.field = field;
  }

  public RequestValidationException(String message, String field, ErrorDetails details) {
    this(message, field, details, null);
  }

  /** The request field at fault, as the request builders name it, or null when no single field is. */
  public String field() {
    return field;
  }
}
