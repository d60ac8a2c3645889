package dev.nexttoken.eval;

/**
 * The row's target was paused after failing too many items in a row: nothing was sent for this item.
 * The message carries the failure that paused it (already redacted by the SDK).
 */
public final class TargetPausedException extends RuntimeException {
  TargetPausedException(String target, int failures, RuntimeException cause) {
    super(target + " is paused after " + failures + " failed items in a row; last: " + cause.getClass().getSimpleName() + ": "
        + cause.getMessage(), cause, false, false);
  }
}
