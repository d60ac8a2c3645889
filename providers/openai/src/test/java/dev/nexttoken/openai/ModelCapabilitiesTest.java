package dev.nexttoken.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.error.UnsupportedCapabilityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenAI's models differ: reasoning models give no logprobs, legacy completion is for completion models only. */
class ModelCapabilitiesTest extends OpenAiServerTest {
  @Override
  protected String defaultModel() {
    return null;
  }

  @ParameterizedTest
  @ValueSource(strings = {"o1", "o1-mini", "o3", "o3-mini-2025-01-31", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano",
      "gpt-5-chat-latest", "gpt-5.1", "gpt-5.2-2025-12-11", "ft:o4-mini-2025-04-16:acme::abc"})
  void reasoningModelsAreRefusedLogprobsBeforeSendingNamingTheModel(String model) {
    assertFalse(openAi.capabilities(model).chat().logprobs());

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> openAi.chat(ChatRequest.builder().model(model).user("Hi").topLogprobs(0).build()));
    assertTrue(e.getMessage().contains(model) && e.getMessage().contains("reasoning model"), e.getMessage());
    assertEquals("logprobs", e.field());
    assertThrows(UnsupportedCapabilityException.class,
        () -> openAi.chatStreaming(ChatRequest.builder().model(model).user("Hi").topLogprobs(2).build()).close());
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-4o", "gpt-4o-mini", "gpt-4.1-nano", "gpt-5.4", "chatgpt-4o-latest", "ft:gpt-4o-mini-2024-07-18:acme::x"})
  void chatModelsKeepLogprobsButHaveNoLegacyCompletion(String model) {
    Capabilities c = openAi.capabilities(model);
    assertTrue(c.chat().logprobs());
    assertEquals(20, c.chat().maxTopLogprobs());
    assertFalse(c.completion().supported());
    assertFalse(c.scoring().supported());

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> openAi.complete(CompletionRequest.builder("Hi").model(model).build()));
    assertTrue(e.getMessage().contains(model + " is a chat model"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-3.5-turbo-instruct", "davinci-002", "babbage-002", "ft:davinci-002:acme::y"})
  void completionModelsHaveCompletionAndScoringButNoChat(String model) {
    Capabilities c = openAi.capabilities(model);
    assertEquals(5, c.completion().maxTopLogprobs());
    assertTrue(c.completion().promptLogprobs());
    assertFalse(c.completion().promptLogprobsInStream());
    assertTrue(c.scoring().supported());
    assertFalse(c.chat().supported());

    assertThrows(UnsupportedCapabilityException.class, () -> openAi.chat(ChatRequest.builder().model(model).user("Hi").build()));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void eachModelsCapabilitiesAreWorkedOutOnceNotOnEveryRequest() {
    assertSame(openAi.capabilities("o3"), openAi.capabilities("o3"));
    assertSame(openAi.capabilities("gpt-4o-mini"), openAi.capabilities("gpt-4o-mini"));
    assertEquals(ModelFamily.REASONING, ModelFamily.of("ft:o4-mini:acme::abc"));
    assertEquals(ModelFamily.LEGACY_COMPLETION, ModelFamily.of("ft:davinci-002:acme::abc"));
    assertEquals(ModelFamily.CHAT, ModelFamily.of("gpt-4o"));
  }

  @Test
  void aCompatibleServerIsHeldOnlyToWhatTheProtocolAllows() {
    try (OpenAiModel gateway = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).build()) {
      assertEquals(OpenAiDialect.COMPATIBLE, gateway.dialect());
      assertEquals(gateway.capabilities(), gateway.capabilities("o3"), "a local server may call any model o3");
    }
    assertEquals(openAi.capabilities(), openAi.capabilities(null));
  }
}
