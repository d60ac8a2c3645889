package dev.nexttoken.opentelemetry;

import static dev.nexttoken.opentelemetry.GenAiAttributes.INPUT_MESSAGES;
import static dev.nexttoken.opentelemetry.GenAiAttributes.OUTPUT_MESSAGES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Message;
import dev.nexttoken.ToolCall;
import io.opentelemetry.api.common.Attributes;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Prompts and answers go on spans only when the application opted in, in the conventions' message JSON. */
class ContentCaptureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestTelemetry otel = new TestTelemetry();
  private final OpenAiServer server = new OpenAiServer();
  private LanguageModel model;

  @AfterEach
  void stop() {
    model.close();
    server.close();
    otel.close();
  }

  private ChatRequest conversation() {
    ToolCall call = new ToolCall("call_1", "capital_of", "{\"country\":\"France\"}");
    return new ChatRequest(List.of(
        Message.system("Answer in one word."),
        Message.user("Capital of France?"),
        Message.assistant("", List.of(call)),
        Message.toolResult(call, "Paris")), null);
  }

  @Test
  void offByDefault() {
    server.enqueueJson("chat/answer.json");
    model = NextTokenTelemetry.create(otel.sdk).wrap(server.model().build());

    model.chat(conversation());

    Attributes a = otel.onlySpan().getAttributes();
    assertNull(a.get(INPUT_MESSAGES));
    assertNull(a.get(OUTPUT_MESSAGES));
  }

  @Test
  void whenOptedInTheConversationAndTheAnswerAreTheConventionsJson() throws Exception {
    server.enqueueJson("chat/answer.json");
    model = NextTokenTelemetry.builder(otel.sdk).captureMessageContent(true).build().wrap(server.model().build());

    model.chat(conversation());

    Attributes a = otel.onlySpan().getAttributes();
    assertEquals(JSON.readTree("""
        [{"role":"system","parts":[{"type":"text","content":"Answer in one word."}]},
         {"role":"user","parts":[{"type":"text","content":"Capital of France?"}]},
         {"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"capital_of","arguments":"{\\"country\\":\\"France\\"}"}]},
         {"role":"tool","parts":[{"type":"tool_call_response","id":"call_1","result":"Paris"}]}]
        """), JSON.readTree(a.get(INPUT_MESSAGES)));
    assertEquals(JSON.readTree("""
        [{"role":"assistant","parts":[{"type":"text","content":"Paris is"}],"finish_reason":"stop"}]
        """), JSON.readTree(a.get(OUTPUT_MESSAGES)));
  }

  @Test
  void aPromptIsOneUserMessage() throws Exception {
    server.enqueueJson("completions/answer.json");
    model = NextTokenTelemetry.builder(otel.sdk).captureMessageContent(true).build().wrap(server.model().build());

    model.complete(CompletionRequest.builder("The capital of France is").model("gpt-3.5-turbo-instruct").build());

    Attributes a = otel.onlySpan().getAttributes();
    assertEquals(JSON.readTree("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"The capital of France is\"}]}]"),
        JSON.readTree(a.get(INPUT_MESSAGES)));
    assertEquals(JSON.readTree("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\" Paris.\"}],\"finish_reason\":\"length\"}]"),
        JSON.readTree(a.get(OUTPUT_MESSAGES)));
  }
}
