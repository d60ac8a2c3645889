package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.NotFoundException;
import dev.nexttoken.error.ServerException;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Errors from a real llama-server arrive as the typed exceptions, carrying the server's own message. */
@ExtendWith(LlamaServerExtension.class)
class RealServerErrorTest {
  private final String baseUrl;
  private final KnownAnswerModel truth;
  private final LlamaCppModel model;

  RealServerErrorTest(LlamaServer server, KnownAnswerModel truth) {
    this.baseUrl = server.baseUrl();
    this.truth = truth;
    this.model = LlamaCppModel.builder().baseUrl(baseUrl).retry(RetrySettings.NONE).build();
  }

  @AfterEach
  void close() {
    model.close();
  }

  /** A prompt longer than the test server's 256-token context. */
  private static String tooLong() {
    return String.join(" ", java.util.Collections.nCopies(80, "Weights and Biases is"));
  }

  @Test
  void promptOverTheContextIsAnInvalidRequest() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> model.complete(CompletionRequest.builder(tooLong()).maxTokens(1).build()));

    assertContextError(e);
  }

  @Test
  void promptOverTheContextIsAnInvalidRequestWhenStreamingAndInChat() {
    assertContextError(assertThrows(InvalidRequestException.class,
        () -> model.completeStreaming(CompletionRequest.builder(tooLong()).maxTokens(1).build()).close()));
    assertContextError(assertThrows(InvalidRequestException.class,
        () -> model.chat(ChatRequest.builder().user(tooLong()).maxTokens(1).build())));
  }

  private static void assertContextError(InvalidRequestException e) {
    assertEquals(400, e.httpStatus());
    assertEquals("exceed_context_size_error", e.details().errorType());
    assertTrue(e.details().providerMessage().contains("exceeds the available context size (256 tokens)"),
        () -> e.details().providerMessage());
    assertTrue(e.getMessage().contains(e.details().providerMessage()), e::getMessage);
  }

  @Test
  void tokenIdOutsideTheVocabularyIsReportedAsTheServerSaysIt() {
    // This server answers a bad token id with 500 server_error (not 400), so it is a ServerException.
    int outside = truth.vocabSize() + 5;
    ServerException e = assertThrows(ServerException.class, () -> model.detokenize(List.of(outside)));

    assertEquals(500, e.httpStatus());
    assertEquals("server_error", e.details().errorType());
    assertTrue(e.details().providerMessage().contains(String.valueOf(outside)), () -> e.details().providerMessage());
  }

  @Test
  void unknownPathIsNotFound() {
    try (LlamaCppModel wrongPrefix = LlamaCppModel.builder().baseUrl(baseUrl + "/no-such-prefix").retry(RetrySettings.NONE).build()) {
      NextTokenException e = assertThrows(NotFoundException.class, () -> wrongPrefix.complete("Weights"));

      assertEquals(404, e.httpStatus());
      assertEquals("not_found_error", e.details().errorType());
    }
  }

  @Test
  void serverWithAnApiKeyRejectsAMissingKeyAndAcceptsTheRightOne() {
    String key = "test-key-" + ProcessHandle.current().pid();
    try (LlamaServer secured = LlamaServer.builder(truth.cachedFile()).extraArgs("--api-key", key).start();
        LlamaCppModel anonymous = LlamaCppModel.builder().baseUrl(secured.baseUrl()).retry(RetrySettings.NONE).build();
        LlamaCppModel keyed = LlamaCppModel.builder().baseUrl(secured.baseUrl()).apiKey(key).build()) {
      AuthenticationException e = assertThrows(AuthenticationException.class, () -> anonymous.complete("Weights"));

      assertEquals(401, e.httpStatus());
      assertEquals("Invalid API Key", e.details().providerMessage());
      assertEquals(new Health(true, "ok"), anonymous.health(), "health is always public");
      assertEquals(truth.greedyWalk("Weights", 1).get(0).id(),
          keyed.complete(CompletionRequest.builder("Weights").maxTokens(1).temperature(0.0).topLogprobs(0).build()).logprobs().get(0).id());
    }
  }
}
