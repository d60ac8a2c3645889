package dev.nexttoken.testkit;

/** Thrown when llama-server cannot be found, installed or started; the message says what was tried. */
public class LlamaServerException extends RuntimeException {
  public LlamaServerException(String message) {
    super(message);
  }

  public LlamaServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
