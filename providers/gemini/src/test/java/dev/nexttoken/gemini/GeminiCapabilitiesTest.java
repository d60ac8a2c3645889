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
import dev.nexttoken.LogitBias;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
  void everyModelTakesToolsJsonSchemasAndImagesButNoParallelSwitchStrictSchemaOrLogitBias() {
    for (String name : List.of("gemini-2.0-flash", "gemini-2.5-flash", "gemini-3-pro-preview", "tunedModels/x")) {
      OperationCapabilities chat = model.capabilities(name).chat();
      assertTrue(chat.tools(), name);
      assertFalse(chat.parallelToolCalls(), name);
      assertEquals(OperationCapabilities.StructuredOutput.JSON_SCHEMA, chat.structuredOutput(), name);
      assertFalse(chat.strictSchema(), name);
      assertTrue(chat.imageBytes() && chat.imageUrls(), name);
      assertFalse(chat.logitBias(), name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "gemini-2.0-flash, false, 8",
      "gemini-1.5-pro, false, 8",
      "gemini-flash-latest, false, 8",
      "gemini-2.5-flash, true, 8",
      "models/gemini-2.5-pro, true, 8",
      "gemini-3-pro-preview, true, 1",
      "gemini-3.1-flash-lite, true, 1"})
  void reasoningEffortAndChoicesFollowTheModelFamily(String name, boolean effort, int choices) {
    OperationCapabilities chat = model.capabilities(name).chat();
    assertEquals(effort, chat.reasoningEffort());
    assertEquals(choices, chat.maxChoices());
  }

  @Test
  void theUnionIsWhatSomeModelOffers() {
    OperationCapabilities chat = model.capabilities().chat();
    assertTrue(chat.reasoningEffort());
    assertEquals(8, chat.maxChoices());
  }

  @Test
  void aLogitBiasIsRefusedBeforeSending() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> model.chat(
        ChatRequest.builder().user("Hi").logitBias(new LogitBias(Map.of(42, -100.0), Map.of())).build()));
    assertEquals("logitBias", e.field());
    assertEquals(0, server.getRequestCount());
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
