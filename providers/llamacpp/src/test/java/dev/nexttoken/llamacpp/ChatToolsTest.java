package dev.nexttoken.llamacpp;

import static dev.nexttoken.llamacpp.Fixtures.assertBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.ContentPart;
import dev.nexttoken.FinishReason;
import dev.nexttoken.ImagePart;
import dev.nexttoken.LogitBias;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolCall;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tools, JSON schemas and logit bias on llama.cpp's chat route, and what it cannot take (wire-formats-2 §5.3). */
class ChatToolsTest extends MockServerTest {
  private static final Tool WEATHER = Tool.of("get_weather", "Current weather for a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

  /** The parallel switch is sent when asked (the server's default is off); logit bias as llama.cpp's pairs, text included. */
  @Test
  void sendsToolsTheParallelSwitchAndLogitBiasPairs() throws Exception {
    server.enqueue(Fixtures.json("chat/tool-calls"));

    Completion c = model.chat(ChatRequest.builder().user("Weather in Oslo?").tool(WEATHER).toolChoice(ToolChoice.AUTO)
        .parallelToolCalls(true).logitBias(new LogitBias(Map.of(13, -100.0), Map.of(" maybe", -5.0))).build());

    assertBody("""
        {"messages":[{"role":"user","content":"Weather in Oslo?"}],"stream":false,"cache_prompt":true,
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city",
          "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
         "tool_choice":"auto","parallel_tool_calls":true,"logit_bias":[[13,-100.0],[" maybe",-5.0]]}""", server.takeRequest());
    assertEquals(List.of(new ToolCall("Xq3bVhRk1sT9aPzLmE0cWn4yGd7uJf2H", "get_weather", "{\"city\":\"Oslo\"}")), c.toolCalls());
    assertEquals(FinishReason.Kind.TOOL_CALLS, c.finishReason().kind());
  }

  @Test
  void sendsAJsonSchemaInOpenAisForm() throws Exception {
    server.enqueue(Fixtures.json("chat/known"));

    model.chat(ChatRequest.builder().user("JSON").jsonSchema("{\"type\":\"object\"}").build());

    assertEquals("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"response\",\"schema\":{\"type\":\"object\"}}}",
        Fixtures.tree(server.takeRequest().getBody().utf8()).get("response_format").toString());
  }

  @Test
  void declaresToolsSchemasAndLogitBiasByTextButNoImagesNoStrictAndOneChoice() {
    OperationCapabilities chat = model.capabilities().chat();
    assertTrue(chat.tools() && chat.parallelToolCalls() && chat.logitBias() && chat.logitBiasByText());
    assertEquals(StructuredOutput.JSON_SCHEMA, chat.structuredOutput());
    assertFalse(chat.strictSchema() || chat.images() || chat.reasoningEffort());
    assertEquals(1, chat.maxChoices());
    assertTrue(chat.note().contains("--mmproj"), chat.note());
  }

  @Test
  void logprobsWithToolsInAStreamAndImagesAreRefusedBeforeSending() {
    UnsupportedCapabilityException streamed = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chatStreaming(ChatRequest.builder().user("Weather?").tool(WEATHER).topLogprobs(1).build()).close());
    assertEquals("logprobs", streamed.field());
    UnsupportedCapabilityException image = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().user(ContentPart.text("What is it?"), ImagePart.url("http://x/a.png")).build()));
    assertEquals("image", image.field());
    assertEquals(0, server.getRequestCount());
  }
}
