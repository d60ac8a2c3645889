package dev.nexttoken.benchmarks.clients;

/**
 * One way of calling the stub: the same calls, each reading the content, every token's logprob
 * and every alternative into the client's own objects and checking them against the canned answer
 * ({@link Check}); a wrong value throws {@link Check.MismatchException}. Thread-safe: the concurrent
 * benchmark shares one instance between 64 callers, as an application shares one client.
 */
public interface BenchClient extends AutoCloseable {

  /** One chat completion with 64 tokens × 5 top logprobs. */
  void chat();

  /** One 2,000-chunk chat stream; each chunk's logprobs are read as it arrives where the client allows. */
  void stream();

  /** One legacy completion with {@code logprobs=5}. */
  void legacy();

  /** Whether {@link #legacy()} is offered (langchain4j has no legacy logprobs API). */
  default boolean hasLegacy() {
    return true;
  }

  /**
   * One streamed Responses API answer of 2,000 text deltas; each delta's logprobs are read as it
   * arrives where the client allows. Offered only by the clients that say so ({@link #hasResponses()}):
   * the default lets a client written before this scenario (a baseline's own {@code NextTokenClient},
   * {@code BASELINE_CLIENT_SRC}) still compile, its row then n/a.
   */
  default void responses() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no Responses stream");
  }

  /** Whether {@link #responses()} is offered. */
  default boolean hasResponses() {
    return false;
  }

  @Override
  void close();
}
