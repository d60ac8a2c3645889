package dev.nexttoken.benchmarks.clients;

/**
 * One way of calling the stub: the same three calls, each reading the content, every token's logprob
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

  @Override
  void close();
}
