package dev.nexttoken.error;

/**
 * The model's answer is not what the request asked for: tool-call arguments or a structured answer
 * that are not valid JSON, or JSON that breaks the schema. The HTTP call succeeded; the text the
 * model wrote is kept ({@link #output()}) so that a caller can log it, repair it or ask again.
 * Never retried by the SDK: the same request may well produce the same text.
 */
public class InvalidModelOutputException extends NextTokenException {
  private final String output;

  /**
   * @param message what is wrong and where (the tool's name, the JSON path or character offset)
   * @param output the text the model produced
   */
  public InvalidModelOutputException(String message, String output, Throwable cause) {
    super(message, ErrorDetails.none(), cause);
    this.output = output;
  }

  /** The text the model produced, as it came. */
  public String output() {
    return output;
  }
}
