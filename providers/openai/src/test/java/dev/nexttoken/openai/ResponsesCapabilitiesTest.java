package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Environment;
import dev.nexttoken.LogitBias;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the Responses route accepts, per model and per server, and how the model is configured. */
class ResponsesCapabilitiesTest extends ResponsesServerTest {

  @ParameterizedTest
  @ValueSource(strings = {"o3", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5.2", "ft:o4-mini-2025-04-16:acme::abc"})
  void reasoningModelsChatWithoutLogprobs(String name) {
    Capabilities c = model.capabilities(name);
    assertTrue(c.chat().supported());
    assertTrue(c.chat().streaming());
    assertFalse(c.chat().logprobs());
    assertThrows(UnsupportedCapabilityException.class,
        () -> model.chatStreaming(ChatRequest.builder().model(name).user("Hi").maxTokens(16).topLogprobs(0).build()).close());
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-4o", "gpt-4o-mini", "gpt-4.1-mini", "gpt-5.4"})
  void chatModelsGiveUpTo20AlternativesWithBytesInStreamsToo(String name) {
    Capabilities c = model.capabilities(name);
    assertTrue(c.chat().logprobs());
    assertTrue(c.chat().logprobsInStream());
    assertTrue(c.chat().tokenBytes());
    assertEquals(20, c.chat().maxTopLogprobs());
    assertFalse(c.completion().supported(), "no raw-prompt completion on this route");
    assertFalse(c.scoring().supported());
    assertEquals("openai-responses", c.provider());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-4o", "gpt-4.1-mini", "gpt-5.4", "o3", "o4-mini", "gpt-5-mini", "ft:gpt-4o-mini-2024-07-18:acme::x1"})
  void currentModelsCallToolsFollowStrictSchemasAndReadImagesButGiveOneAnswerAndNoLogitBias(String name) {
    OperationCapabilities chat = model.capabilities(name).chat();
    assertTrue(chat.tools());
    assertTrue(chat.parallelToolCalls());
    assertEquals(StructuredOutput.JSON_SCHEMA, chat.structuredOutput());
    assertTrue(chat.strictSchema());
    assertTrue(chat.imageUrls() && chat.imageBytes());
    assertEquals(1, chat.maxChoices(), "the route has no n");
    assertFalse(chat.logitBias(), "the route has no logit_bias");
  }

  @ParameterizedTest
  @CsvSource({"o3, true", "o4-mini, true", "o1, true", "gpt-5, true", "gpt-5-mini, true", "gpt-5.4, true", "gpt-5.4-pro, true",
      "ft:o4-mini-2025-04-16:acme::abc, true", "gpt-4o, false", "gpt-4.1-mini, false", "o1-mini, false", "gpt-5-chat-latest, false"})
  void theOSeriesAndGpt5TakeAReasoningEffort(String name, boolean effort) {
    assertEquals(effort, model.capabilities(name).chat().reasoningEffort());
  }

  @ParameterizedTest
  @CsvSource({
      "o1-mini,           false, NONE,        false",
      "o1-preview,        false, NONE,        false",
      "o3-mini,           true,  JSON_SCHEMA, false",
      "gpt-4-turbo,       true,  JSON_OBJECT, true",
      "gpt-4-0613,        true,  JSON_OBJECT, false",
      "gpt-3.5-turbo,     true,  JSON_OBJECT, false",
      "gpt-4o-2024-05-13, true,  JSON_OBJECT, true"})
  void olderModelsLackWhatOpenAiListsThemWithout(String name, boolean tools, StructuredOutput output, boolean images) {
    OperationCapabilities chat = model.capabilities(name).chat();
    assertEquals(tools, chat.tools());
    assertEquals(output, chat.structuredOutput());
    assertEquals(images, chat.images());
    assertTrue(chat.supported() && chat.streaming());
  }

  @Test
  void aCompatibleServerGetsEverythingTheRouteHas() {
    try (OpenAiResponsesModel local = OpenAiResponsesModel.builder().baseUrl(server.url("/v1").toString()).build()) {
      OperationCapabilities chat = local.capabilities("o1-mini").chat();
      assertTrue(chat.parallelToolCalls() && chat.strictSchema() && chat.images() && chat.reasoningEffort());
      assertEquals(1, chat.maxChoices());
      assertFalse(chat.logitBias());
    }
  }

  @Test
  void legacyCompletionModelsAreNotServed() {
    assertFalse(model.capabilities("gpt-3.5-turbo-instruct").chat().supported());
  }

  @Test
  void whatTheRouteLacksIsRefusedBeforeSending() {
    List<ChatRequest.Builder> refused = List.of(
        ChatRequest.builder().user("Hi").maxTokens(15),
        ChatRequest.builder().user("Hi").maxTokens(16).stop(List.of("\n")),
        ChatRequest.builder().user("Hi").maxTokens(16).seed(7L),
        ChatRequest.builder().user("Hi").maxTokens(16).topK(40),
        ChatRequest.builder().user("Hi").maxTokens(16).temperature(2.5),
        ChatRequest.builder().user("Hi").maxTokens(16).topLogprobs(21),
        ChatRequest.builder().user("Hi").maxTokens(16).choices(2),
        ChatRequest.builder().user("Hi").maxTokens(16).logitBias(LogitBias.ofTokenIds(Map.of(50256, -100.0))));
    for (ChatRequest.Builder request : refused) {
      assertThrows(RequestValidationException.class, () -> model.chat(request.build()), request::toString);
    }
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aCompatibleServerIsHeldOnlyToTheRoute() throws Exception {
    server.enqueue(json(read("responses", "logprobs.json")));
    try (OpenAiResponsesModel local = OpenAiResponsesModel.builder().baseUrl(server.url("/v1").toString()).build()) {
      assertEquals(OpenAiDialect.COMPATIBLE, local.dialect());
      assertTrue(local.capabilities("gpt-5-mini").chat().logprobs(), "a local server's names mean nothing");
      local.chat(ChatRequest.builder().user("Hi").maxTokens(4).topLogprobs(1).build());
    }
    RecordedRequest request = take(server);
    assertTrue(request.getBody().utf8().contains("\"max_output_tokens\":4"));
    assertEquals(null, request.getHeaders().get("Authorization"), "no key, none sent");
  }

  @Test
  void fromEnvReadsWhatOpenAiModelReads() throws Exception {
    server.enqueue(json(read("responses", "logprobs.json")));
    Environment env = Environment.of(Map.of("openai.apiKey", "sk-from-property"),
        Map.of("OPENAI_API_KEY", "sk-from-env", "OPENAI_BASE_URL", server.url("/v1").toString(),
            "OPENAI_ORG_ID", "org-1", "OPENAI_PROJECT_ID", "proj-1"));
    try (OpenAiResponsesModel m = OpenAiResponsesModel.fromEnv(env).model("gpt-4.1-mini").build()) {
      m.chat(ChatRequest.builder().user("Hi").maxTokens(16).build());
    }
    RecordedRequest request = take(server);
    assertEquals("/v1/responses", request.getUrl().encodedPath());
    assertEquals("Bearer sk-from-property", request.getHeaders().get("Authorization"), "a property beats a variable");
    assertEquals("org-1", request.getHeaders().get("OpenAI-Organization"));
    assertEquals("proj-1", request.getHeaders().get("OpenAI-Project"));
  }

  @Test
  void theDialectFollowsTheHost() {
    try (OpenAiResponsesModel hosted = OpenAiResponsesModel.builder().apiKey("sk-x").build()) {
      assertEquals(OpenAiDialect.OPENAI, hosted.dialect());
      assertEquals(16, (int) hosted.capabilities().chat().limits().maxTokens().min());
      assertFalse(hosted.toString().contains("sk-x"), hosted::toString);
    }
  }
}
