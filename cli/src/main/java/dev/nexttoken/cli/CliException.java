package dev.nexttoken.cli;

/** A failure the CLI explains in one line (missing key, bad option combination); exit code 2. */
final class CliException extends RuntimeException {
  CliException(String message) {
    super(message);
  }
}
