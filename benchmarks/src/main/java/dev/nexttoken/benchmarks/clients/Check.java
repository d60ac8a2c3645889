package dev.nexttoken.benchmarks.clients;

import dev.nexttoken.benchmarks.stub.Canned;

/**
 * Compares what a client read against the canned answer, on every call. Allocation-free on success,
 * so it costs every client the same few nanoseconds per value.
 */
public final class Check {
  private Check() {}

  /** The chosen token at {@code position} and its logprob. */
  public static void token(int position, String token, double logprob) {
    if (!Canned.token(position).equals(token) || Canned.logprob(position) != logprob) {
      throw new MismatchException("position " + position + ": expected " + Canned.token(position) + " "
          + Canned.logprob(position) + ", read " + token + " " + logprob);
    }
  }

  /** The alternative of {@code rank} at {@code position}. */
  public static void top(int position, int rank, String token, double logprob) {
    if (!Canned.topToken(position, rank).equals(token) || Canned.topLogprob(position, rank) != logprob) {
      throw new MismatchException("position " + position + " rank " + rank + ": expected " + Canned.topToken(position, rank)
          + " " + Canned.topLogprob(position, rank) + ", read " + token + " " + logprob);
    }
  }

  /** The number of alternatives at a position. */
  public static void topCount(int position, int count) {
    equal("alternatives at position " + position, Canned.TOP, count);
  }

  /** The whole answer's text. */
  public static void content(String text) {
    if (!Canned.content().equals(text)) {
      throw new MismatchException("content differs: " + text);
    }
  }

  /** The text delta of stream chunk {@code chunk}. */
  public static void delta(int chunk, String text) {
    if (!Canned.token(chunk % Canned.TOKENS).equals(text)) {
      throw new MismatchException("chunk " + chunk + ": expected text " + Canned.token(chunk % Canned.TOKENS) + ", read " + text);
    }
  }

  /** A count that must match exactly (tokens in an answer, chunks in a stream). */
  public static void equal(String what, int expected, int actual) {
    if (expected != actual) {
      throw new MismatchException(what + ": expected " + expected + ", read " + actual);
    }
  }

  /** A client read something other than the canned answer. */
  public static final class MismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MismatchException(String message) {
      super(message);
    }
  }
}
