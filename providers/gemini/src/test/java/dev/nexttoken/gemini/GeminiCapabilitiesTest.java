package dev.nexttoken.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Gemini declares, and what is therefore refused before anything is sent. */
class GeminiCapabilitiesTest extends MockGeminiTest {
  @Test
  void chatStreamsWithUpToTwentyAlternativesAndTokenIdsButNoBytes() {
    OperationCapabilities chat = model.capabilities().chat();
    assertTrue(chat.streaming());
    assertTrue(chat.logprobs());
    assertEquals(20, chat.maxTopLogprobs());
    assertTrue(chat.logprobsInStream());
    assertTrue(chat.tokenIds());
    assertFalse(chat.tokenBytes());
    assertFalse(chat.promptLogprobs());
  }

  @Test
  void completionIsUnsupportedAndRefusedBeforeSending() {
    assertFalse(model.capabilities().completion().supported());
    assertThrows(UnsupportedCapabilityException.class, () -> model.complete(CompletionRequest.builder("Once upon a time").build()));
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "models/gemini-2.5-pro"})
  void modelsKnownToRefuseLogprobsOnTheGeminiApiAreRefusedBeforeSending(String name) {
    assertFalse(model.capabilities(name).chat().logprobs());
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().user("Hi").model(name).topLogprobs(3).build()));
    assertTrue(e.getMessage().contains("logprobs"), e.getMessage());
    assertTrue(e.getMessage().contains(name), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aModelKnownToRefuseLogprobsStillChatsWithoutThem() {
    server.enqueue(GeminiTestSupport.json("generate/max-tokens-thought.json"));
    assertEquals("The answer is", model.chat(ChatRequest.builder().user("Hi").model("gemini-2.5-flash").build()).text());
  }

  @Test
  void outOfRangeParametersAreRefusedBeforeSending() {
    assertThrows(UnsupportedCapabilityException.class, () -> model.chat(ChatRequest.builder().user("Hi").topLogprobs(21).build()));
    assertThrows(RequestValidationException.class, () -> model.chat(ChatRequest.builder().user("Hi").temperature(2.5).build()));
    assertThrows(RequestValidationException.class, () -> model.chat(ChatRequest.builder().user("Hi")
        .stop(List.of("a", "b", "c", "d", "e", "f")).build()));
    assertThrows(RequestValidationException.class, () -> model.chat(ChatRequest.builder().user("Hi").seed(1L << 40).build()));
    assertEquals(0, server.getRequestCount());
  }
}
