package dev.nexttoken.testkit.junit;

import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.LlamaServerException;
import java.util.function.Supplier;

/** One server of a test run, started on first use; a failed start is remembered so it is not retried per test. */
final class SharedServer implements AutoCloseable {
  private final Supplier<LlamaServer> starter;
  private LlamaServer server;
  private RuntimeException failure;

  SharedServer(Supplier<LlamaServer> starter) {
    this.starter = starter;
  }

  synchronized LlamaServer get() {
    if (server == null && failure == null) {
      try {
        server = starter.get();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new LlamaServerException("the shared llama-server could not be started (set -D"
          + LlamaServerExtension.SKIP_PROPERTY + "=true to skip these tests): " + failure.getMessage(), failure);
    }
    return server;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
    }
  }
}
