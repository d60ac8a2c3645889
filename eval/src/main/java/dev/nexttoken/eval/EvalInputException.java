package dev.nexttoken.eval;

/**
 * Input an evaluation cannot run with, named with where it is and what is wrong: a dataset line, a
 * target, a price file, an output directory. Nothing has been sent when it is thrown.
 */
public final class EvalInputException extends IllegalArgumentException {
  public EvalInputException(String message) {
    super(message);
  }

  public EvalInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
