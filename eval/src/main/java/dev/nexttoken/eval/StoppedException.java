package dev.nexttoken.eval;

/** The run is stopping (Ctrl-C, {@code --max-cost}) while a call waited: its row is left for a resume, not written. */
final class StoppedException extends RuntimeException {
  StoppedException() {
    super("the evaluation is stopping", null, false, false);
  }
}
