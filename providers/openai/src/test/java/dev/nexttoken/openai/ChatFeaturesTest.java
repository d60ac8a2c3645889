package dev.nexttoken.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.LogitBias;
import dev.nexttoken.Message;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Role;
import dev.nexttoken.ToolCall;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Which chat features each model has (tools, schemas, images, reasoning effort, n, logit bias), and
 * that what a model, the wire or a server cannot take fails before anything is sent, naming the field.
 */
class ChatFeaturesTest extends OpenAiServerTest {
  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";

  private OperationCapabilities chat(String model) {
    return openAi.capabilities(model).chat();
  }

  @Test
  void currentChatModelsHaveEverythingButAReasoningEffort() {
    OperationCapabilities c = chat("gpt-4o-mini");
    assertTrue(c.tools() && c.parallelToolCalls() && c.strictSchema() && c.imageUrls() && c.imageBytes() && c.logitBias());
    assertEquals(StructuredOutput.JSON_SCHEMA, c.structuredOutput());
    assertFalse(c.reasoningEffort());
    assertFalse(c.logitBiasByText());
    assertEquals(128, c.maxChoices());
    assertEquals(128, openAi.capabilities("gpt-3.5-turbo-instruct").completion().maxChoices());
  }

  @Test
  void reasoningModelsTakeAnEffortButNoLogitBiasAndTheOSeriesNoParallelSwitch() {
    OperationCapabilities o3 = chat("o3");
    assertTrue(o3.reasoningEffort() && o3.tools() && o3.strictSchema() && o3.images());
    assertFalse(o3.parallelToolCalls() || o3.logitBias());
    assertFalse(chat("o3-mini").images());
    OperationCapabilities gpt5 = chat("gpt-5-mini");
    assertTrue(gpt5.reasoningEffort() && gpt5.parallelToolCalls());
    assertTrue(chat("gpt-5.4").reasoningEffort(), "a reasoning model that gives logprobs");
    assertFalse(chat("gpt-5-chat-latest").reasoningEffort());
    OperationCapabilities o1mini = chat("o1-mini");
    assertFalse(o1mini.tools() || o1mini.images() || o1mini.reasoningEffort());
    assertEquals(StructuredOutput.NONE, o1mini.structuredOutput());
  }

  @Test
  void olderChatModelsHaveJsonModeAndNoImages() {
    for (String model : List.of("gpt-3.5-turbo", "gpt-4", "gpt-4-0613", "gpt-4-1106-preview")) {
      OperationCapabilities c = chat(model);
      assertEquals(StructuredOutput.JSON_OBJECT, c.structuredOutput(), model);
      assertFalse(c.images(), model);
      assertTrue(c.tools(), model);
    }
  }

  @Test
  void vllmDeclaresWhatTheProtocolHasAndNotesWhatTheServerDecides() {
    try (OpenAiModel vllm = OpenAiModel.vllm().baseUrl(server.url("/v1").toString()).build()) {
      OperationCapabilities c = vllm.capabilities().chat();
      assertTrue(c.tools() && c.parallelToolCalls() && c.strictSchema() && c.images() && c.logitBias());
      assertFalse(c.reasoningEffort() || c.logitBiasByText());
      assertEquals(OperationCapabilities.UNLIMITED, c.maxChoices());
      assertEquals(OperationCapabilities.UNLIMITED, vllm.capabilities().completion().maxChoices());
      assertTrue(c.note().contains("--enable-auto-tool-choice") && c.note().contains("multimodal"), c.note());
    }
  }

  @Test
  void whatAModelLacksIsRefusedBeforeSendingNamingTheField() {
    refused(UnsupportedCapabilityException.class, "image", () -> openAi.chat(ChatRequest.builder().model("gpt-3.5-turbo")
        .user(ContentPart.text("What is this?"), ImagePart.url("https://example.com/a.png")).build()));
    refused(UnsupportedCapabilityException.class, "responseFormat", () -> openAi.chat(ChatRequest.builder().model("gpt-4-0613")
        .user("JSON").jsonSchema(SCHEMA).build()));
    refused(UnsupportedCapabilityException.class, "tools", () -> openAi.chat(ChatRequest.builder().model("o1-mini")
        .user("Weather?").tools(ToolsTest.TOOLS).build()));
    refused(UnsupportedCapabilityException.class, "parallelToolCalls", () -> openAi.chat(ChatRequest.builder().model("o3")
        .user("Weather?").tools(ToolsTest.TOOLS).parallelToolCalls(false).build()));
    refused(UnsupportedCapabilityException.class, "reasoningEffort", () -> openAi.chat(ChatRequest.builder()
        .user("Think").reasoningEffort(ReasoningEffort.LOW).build()));
    refused(UnsupportedCapabilityException.class, "logitBias", () -> openAi.chat(ChatRequest.builder().model("o3")
        .user("Hi").logitBias(LogitBias.ofTokenIds(Map.of(1, 1.0))).build()));
    refused(UnsupportedCapabilityException.class, "logitBias", () -> openAi.chat(ChatRequest.builder()
        .user("Hi").logitBias(new LogitBias(Map.of(), Map.of("Paris", 5.0))).build()));
    refused(UnsupportedCapabilityException.class, "choices", () -> openAi.chat(ChatRequest.builder().user("Hi").choices(129).build()));
    assertEquals(0, server.getRequestCount());
  }

  /** Capabilities say whether a model has an effort at all; the o-series lacks one value of it. */
  @Test
  void minimalEffortIsRefusedOnTheOSeriesBeforeSending() {
    UnsupportedCapabilityException e = refused(UnsupportedCapabilityException.class, "reasoningEffort",
        () -> openAi.chatStreaming(ChatRequest.builder().model("o4-mini").user("Think").reasoningEffort(ReasoningEffort.MINIMAL).build()));
    assertTrue(e.getMessage().contains("o4-mini") && e.getMessage().contains("minimal"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void messagesTheWireCannotCarryAreRefusedBeforeSending() {
    Message resultWithoutId = Message.toolResult(null, "get_weather", "{\"t\":3}");
    refused(RequestValidationException.class, "messages", () -> openAi.chat(ChatRequest.builder().user("Weather?")
        .message(Message.assistant("", List.of(new ToolCall(null, "get_weather", "{}")))).message(resultWithoutId)
        .tools(ToolsTest.TOOLS).build()));
    refused(RequestValidationException.class, "messages", () -> openAi.chat(ChatRequest.builder()
        .message(new Message(Role.ASSISTANT, List.of(ImagePart.url("https://example.com/a.png")), List.of(), null, null)).user("And?")
        .build()));
    refused(RequestValidationException.class, "parallelToolCalls", () -> openAi.chat(ChatRequest.builder().user("Hi")
        .parallelToolCalls(true).build()));
    assertEquals(0, server.getRequestCount());
  }

  /** vLLM answers a structured-output constraint with a named tool choice by 400 (wire-formats-2 §4.4). */
  @Test
  void vllmRefusesASchemaWithANamedToolBeforeSending() {
    try (OpenAiModel vllm = OpenAiModel.vllm().baseUrl(server.url("/v1").toString()).maxRetries(0).build()) {
      UnsupportedCapabilityException e = refused(UnsupportedCapabilityException.class, "responseFormat",
          () -> vllm.chat(ChatRequest.builder().user("Weather?").tools(ToolsTest.TOOLS).toolChoice(ToolChoice.named("get_weather"))
              .responseFormat(ResponseFormat.JSON_OBJECT).build()));
      assertTrue(e.getMessage().startsWith("vllm"), e.getMessage());
    }
    assertEquals(0, server.getRequestCount());
  }

  private static <E extends RequestValidationException> E refused(Class<E> type, String field, Supplier<?> call) {
    E e = assertThrows(type, call::get);
    assertEquals(field, e.field(), e.getMessage());
    assertFalse(e.getMessage().contains("sk-test-key"));
    return e;
  }
}
