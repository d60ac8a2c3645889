package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.Timeouts;
import dev.nexttoken.error.ConnectionException;
import dev.nexttoken.error.StreamTooLargeException;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.time.Duration;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults a real llama-server produces, beside the mock-server fault suite: an event over the
 * stream bound, a connection the server closes after every stream, and a server that is gone.
 */
@ExtendWith(LlamaServerExtension.class)
class RealServerFaultTest {
  private static final String KEY_FREE = "Weights";

  private final LlamaServer shared;
  private final KnownAnswerModel truth;

  RealServerFaultTest(LlamaServer server, KnownAnswerModel truth) {
    this.shared = server;
    this.truth = truth;
  }

  @Test
  void callRightAfterAStreamSucceedsWithoutRetries() {
    // The server closes the connection after each stream while announcing keep-alive.
    try (LlamaCppModel model = LlamaCppModel.builder().baseUrl(shared.baseUrl()).retry(RetrySettings.NONE).build()) {
      for (int i = 0; i < 5; i++) {
        try (CompletionStream stream = model.completeStreaming(CompletionRequest.builder(KEY_FREE).maxTokens(3).temperature(0.0).build())) {
          stream.collect();
        }
        Completion next = model.complete(CompletionRequest.builder(KEY_FREE).maxTokens(1).temperature(0.0).build());
        assertEquals(truth.greedyWalk(KEY_FREE, 1).get(0).token(), next.text());
        try (CompletionStream stream = model.chatStreaming(ChatRequest.builder().user(KEY_FREE).maxTokens(2).build())) {
          stream.collect();
        }
        model.chat(ChatRequest.builder().user(KEY_FREE).maxTokens(1).build());
      }
    }
  }

  @Test
  void eventOverTheBoundFailsTypedAndLeavesTheServerUsable() {
    OkHttpClient client = new OkHttpClient.Builder().connectionPool(new ConnectionPool()).build();
    // Many alternatives with their bytes make each chat chunk a few kilobytes: over the smallest bound.
    try (LlamaCppModel model = LlamaCppModel.builder().baseUrl(shared.baseUrl()).httpClient(client).maxEventBytes(1024)
        .retry(RetrySettings.NONE).build()) {
      ChatRequest big = ChatRequest.builder().user(KEY_FREE).maxTokens(3).temperature(0.0).topLogprobs(40).build();

      StreamTooLargeException e = assertThrows(StreamTooLargeException.class, () -> {
        try (CompletionStream stream = model.chatStreaming(big)) {
          stream.collect();
        }
      });

      assertEquals("llamacpp", e.provider());
      assertEquals(0, client.connectionPool().connectionCount() - client.connectionPool().idleConnectionCount(), "no connection in use");
      Completion next = model.complete(CompletionRequest.builder(KEY_FREE).maxTokens(1).temperature(0.0).build());
      assertEquals(truth.greedyWalk(KEY_FREE, 1).get(0).token(), next.text(), "the server's slot was released");
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Test
  void serverThatIsGoneIsARetryableConnectionFailure() {
    String baseUrl;
    try (LlamaServer own = LlamaServer.builder(truth.cachedFile()).start();
        LlamaCppModel model = LlamaCppModel.builder().baseUrl(own.baseUrl()).retry(RetrySettings.NONE).build()) {
      baseUrl = own.baseUrl();
      assertFalse(model.complete(CompletionRequest.builder(KEY_FREE).maxTokens(1).build()).text().isEmpty());
    }

    try (LlamaCppModel gone = LlamaCppModel.builder().baseUrl(baseUrl).retry(RetrySettings.NONE)
        .timeouts(Timeouts.of(Duration.ofSeconds(5))).build()) {
      ConnectionException e = assertThrows(ConnectionException.class, () -> gone.complete(KEY_FREE));

      assertTrue(e.isRetryable(), "nothing reached a server");
      assertEquals(0, e.httpStatus());
    }
  }
}
