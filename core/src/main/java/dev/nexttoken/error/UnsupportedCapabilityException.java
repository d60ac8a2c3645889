package dev.nexttoken.error;

/** The request asks for something this provider or model cannot do; thrown before anything is sent. */
public class UnsupportedCapabilityException extends NextTokenException {
  public UnsupportedCapabilityException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, cause);
  }

  public UnsupportedCapabilityException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
