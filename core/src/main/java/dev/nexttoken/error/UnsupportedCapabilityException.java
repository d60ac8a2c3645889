package dev.nexttoken.error;

/**
 * The request asks for something this provider or model cannot do at all (an operation, streaming,
 * logprobs, echo, a parameter it does not have); thrown before anything is sent.
 */
public class UnsupportedCapabilityException extends RequestValidationException {
  public UnsupportedCapabilityException(String message, String field, ErrorDetails details) {
    super(message, field, details, null);
  }

  public UnsupportedCapabilityException(String message, ErrorDetails details, Throwable cause) {
    super(message, null, details, cause);
  }

  public UnsupportedCapabilityException(String message, ErrorDetails details) {
    super(message, null, details, null);
  }
}
