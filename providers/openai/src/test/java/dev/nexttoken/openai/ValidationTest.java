package dev.nexttoken.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What OpenAI does not accept fails before anything is sent, with a message naming OpenAI and the limit. */
class ValidationTest {
  private final MockWebServer server = new MockWebServer();
  private OpenAiModel model;

  @BeforeEach
  void start() throws Exception {
    server.start();
    model = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).model("gpt-4o-mini").build();
  }

  @AfterEach
  void stop() {
    model.close();
    server.close();
    assertEquals(0, server.getRequestCount(), "nothing may be sent");
  }

  @Test
  void capabilitiesTellTheTruth() {
    Capabilities capabilities = model.capabilities();
    assertEquals("openai", capabilities.provider());
    assertEquals(5, capabilities.completion().maxTopLogprobs());
    assertTrue(capabilities.completion().promptLogprobs());
    assertFalse(capabilities.completion().tokenBytes());
    assertFalse(capabilities.completion().tokenIds());
    assertEquals(20, capabilities.chat().maxTopLogprobs());
    assertTrue(capabilities.chat().tokenBytes());
    assertFalse(capabilities.chat().tokenIds());
    assertFalse(capabilities.chat().promptLogprobs());
    assertEquals(2.0, capabilities.chat().limits().maxTemperature());
    assertFalse(capabilities.chat().limits().topK().acceptsAny());
    assertEquals(4, capabilities.chat().limits().maxStopSequences());
  }

  @Test
  void topKIsNotAnOpenAiParameter() {
    NextTokenException e = fails(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().user("Hi").topK(40).build()));
    assertTrue(e.getMessage().contains("openai") && e.getMessage().contains("topK"), e.getMessage());
  }

  @Test
  void alternativesAreCappedPerEndpoint() {
    fails(UnsupportedCapabilityException.class, () -> model.complete(CompletionRequest.builder("Hi").topLogprobs(6).build()));
    fails(UnsupportedCapabilityException.class, () -> model.chat(ChatRequest.builder().user("Hi").topLogprobs(21).build()));
  }

  @Test
  void temperatureAndStopSequencesHaveOpenAisLimits() {
    fails(RequestValidationException.class, () -> model.chat(ChatRequest.builder().user("Hi").temperature(2.5).build()));
    fails(RequestValidationException.class, () -> model.complete(CompletionRequest.builder("Hi").stop("a", "b", "c", "d", "e").build()));
  }

  @Test
  void openAiNeedsAModelName() {
    try (OpenAiModel openAi = OpenAiModel.builder().apiKey("sk-x").build()) {
      NextTokenException e = fails(RequestValidationException.class, () -> openAi.chat("Hi"));
      assertTrue(e.getMessage().contains("model"), e.getMessage());
    }
  }

  private static NextTokenException fails(Class<? extends NextTokenException> type, Executable call) {
    NextTokenException e = assertThrows(type, call);
    assertEquals("openai", e.provider());
    return e;
  }
}
