package dev.nexttoken.examples;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.Timeouts;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.llamacpp.LlamaCppModel;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * Configure time limits and retries, and share one {@link OkHttpClient} between models. Then see
 * what a failure looks like once the retries are spent.
 *
 * <p>What is retried is fixed policy (connection failures, 408, 409, 429, 5xx; honouring
 * {@code Retry-After}); {@link RetrySettings} sets how often and how long to wait. {@link Timeouts}
 * has no single total timeout that would cut a long stream short: it bounds connecting, the wait
 * for the first byte, and each silence inside a stream, plus an optional overall deadline.
 *
 * <pre>examples/run RetriesAndTimeouts</pre>
 */
public final class RetriesAndTimeouts {
  private RetriesAndTimeouts() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  static void run(Environment env, PrintStream out) {
    // One client per application: every model built with it shares its connection pool and threads.
    // Each model applies its own timeouts on a derived client; none of them closes this one.
    OkHttpClient shared = new OkHttpClient();

    Timeouts timeouts = Timeouts.DEFAULT
        .withConnect(Duration.ofSeconds(2))       // a local or nearby server connects fast
        .withFirstByte(Duration.ofSeconds(30))    // a long prompt can take a while before the first byte
        .withStreamIdle(Duration.ofSeconds(10))   // the longest silence inside a stream
        .withDeadline(Duration.ofMinutes(2));     // optional bound on the whole call
    RetrySettings retry = RetrySettings.DEFAULT
        .withMaxRetries(3)                        // at most 4 attempts
        .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));

    try {
      try (ExampleModel opened = ExampleModel.open(Operation.COMPLETION, env,
          builder -> builder.httpClient(shared).timeouts(timeouts).retry(retry))) {
        Completion answer = opened.model().complete(CompletionRequest.builder(Quickstart.PROMPT).maxTokens(4).temperature(0.0).build());
        out.println("answer: " + answer.text());
      } catch (UnsupportedCapabilityException e) {
        // A chat-only provider (Gemini, the Responses API) has no completion; the failure below still shows.
        out.println("cannot complete: " + e.getMessage());
      }

      // A server that is not there: the call is retried (quickly here), then fails with an exception that
      // names the provider and says whether trying again later could help.
      RetrySettings quick = RetrySettings.DEFAULT.withMaxRetries(1).withBackoff(Duration.ofMillis(50), Duration.ofMillis(50));
      try (LanguageModel unreachable = LlamaCppModel.builder()
          .baseUrl("http://127.0.0.1:" + unusedPort())
          .httpClient(shared)
          .timeouts(timeouts)
          .retry(quick)
          .build()) {
        unreachable.complete(Quickstart.PROMPT);
        out.println("unexpected: the unreachable server answered");
      } catch (NextTokenException e) {
        out.println("failed as expected: " + e.getClass().getSimpleName() + " from " + e.provider()
            + ", retryable " + e.isRetryable() + ": " + e.getMessage());
      }
    } finally {
      // We created the shared client, so we release it.
      shared.dispatcher().executorService().shutdown();
      shared.connectionPool().evictAll();
    }
  }

  /** A loopback port nobody listens on (free a moment ago), to show a connection failure. */
  private static int unusedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
