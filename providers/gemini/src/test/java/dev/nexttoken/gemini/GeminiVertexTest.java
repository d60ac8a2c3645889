package dev.nexttoken.gemini;

import static dev.nexttoken.gemini.GeminiTestSupport.json;
import static dev.nexttoken.gemini.GeminiTestSupport.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Authentication;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.RateLimitException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Vertex AI variant: its URL, bearer tokens, and what differs from the Gemini API. */
class GeminiVertexTest {
  private MockWebServer server;
  private GeminiModel model;
  private final AtomicInteger tokensIssued = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    String root = server.url("/v1beta1/projects/my-project/locations/europe-west4/publishers/google").toString();
    model = GeminiModel.vertex("my-project", "europe-west4").baseUrl(root).retry(GeminiTestSupport.FAST_RETRY)
        .authentication(Authentication.bearerTokens(() -> new Authentication.Token("ya29.token-" + tokensIssued.incrementAndGet())))
        .build();
  }

  @AfterEach
  void stop() {
    model.close();
    server.close();
  }

  @Test
  void theUrlIsBuiltFromProjectAndLocation() {
    try (GeminiModel regional = GeminiModel.vertex("p1", "us-central1").authentication(Authentication.bearer("t")).build();
         GeminiModel global = GeminiModel.vertex("p1", "global").authentication(Authentication.bearer("t")).build()) {
      assertTrue(regional.toString().contains("https://us-central1-aiplatform.googleapis.com/v1beta1/projects/p1/locations/us-central1/publishers/google"),
          regional::toString);
      assertTrue(global.toString().contains("https://aiplatform.googleapis.com/v1beta1/projects/p1/locations/global/publishers/google"), global::toString);
      assertTrue(regional.isVertex());
    }
  }

  @Test
  void sendsTheSameBodyWithABearerTokenToThePublisherModelPath() throws Exception {
    server.enqueue(json("generate/logprobs-top3.json"));
    Completion answer = model.chat(ChatRequest.builder().user("What colour is the sky?").topLogprobs(3).build());

    assertEquals(5, answer.logprobs().size());
    RecordedRequest request = server.takeRequest();
    assertEquals("/v1beta1/projects/my-project/locations/europe-west4/publishers/google/models/gemini-2.0-flash:generateContent",
        request.getUrl().encodedPath());
    assertEquals("Bearer ya29.token-1", request.getHeaders().get("Authorization"));
    assertNull(request.getHeaders().get("x-goog-api-key"));
  }

  @Test
  void logprobsAreRefusedWhileStreamingButStreamsWithoutThemWork() {
    assertFalse(model.capabilities().chat().logprobsInStream());
    assertThrows(UnsupportedCapabilityException.class,
        () -> model.chatStreaming(ChatRequest.builder().user("Hi").topLogprobs(0).build()).close());
    assertEquals(0, server.getRequestCount());

    server.enqueue(sse("stream/hello.sse"));
    try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Say hello"))) {
      assertEquals("Hello world", stream.collect().text());
    }
  }

  @Test
  void noModelIsKnownToRefuseLogprobsBeforehand() {
    assertTrue(model.capabilities("gemini-2.5-flash").chat().logprobs(), "Vertex gives 2.5 models logprobs");
  }

  @Test
  void anErrorWrappedInAnArrayReadsAlike() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(429, "errors/429-vertex-array.json"));
    }
    RateLimitException e = assertThrows(RateLimitException.class, () -> model.chat("Hi"));
    assertEquals("RESOURCE_EXHAUSTED", e.details().errorCode());
    assertTrue(e.getMessage().contains("Quota exceeded for aiplatform"), e.getMessage());
  }

  @Test
  void withoutACredentialBuildFailsNamingBearerTokens() {
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> GeminiModel.vertex("p", "us-central1").build());
    assertTrue(e.getMessage().contains("bearerTokens"), e.getMessage());
  }
}
