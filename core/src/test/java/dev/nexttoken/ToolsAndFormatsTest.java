package dev.nexttoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.error.InvalidModelOutputException;
import dev.nexttoken.error.SchemaViolationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The neutral types for tools, structured output and messages with parts refuse bad input by name. */
class ToolsAndFormatsTest {
  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
      + "\"units\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]}},\"required\":[\"city\",\"units\"],\"additionalProperties\":false}";

  @Test
  void toolNamesAndSchemasAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> Tool.of("get weather", null, null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tool.of("w", null, "{\"type\":"));
    assertTrue(e.getMessage().contains("tool w is not valid JSON"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tool.of("w", null, "[1]"));
    assertEquals(SCHEMA, Tool.of("w", "d", SCHEMA).parameters(), "kept as written");
  }

  @Test
  void requestsRefuseDuplicateToolsAndAChoiceOfAnUnknownTool() {
    Tool w = Tool.of("w", null, null);
    assertThrows(IllegalArgumentException.class, () -> ChatRequest.builder().user("hi").tool(w).tool(w).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChatRequest.builder().user("hi").tool(w).toolChoice(ToolChoice.named("x")).build());
    assertTrue(e.getMessage().contains("\"x\""), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ChatRequest.builder().user("hi").toolChoice(ToolChoice.REQUIRED).build());
  }

  @Test
  void toolCallArgumentsParseOnRequestWithAClearError() {
    ToolCall ok = new ToolCall("call_1", "w", "{\"city\":\"Oslo\",\"n\":[1,2]}");
    assertEquals(Map.of("city", "Oslo", "n", List.of(1, 2)), ok.parsedArguments());
    assertEquals(Map.of(), new ToolCall(null, "w", "").parsedArguments());
    ToolCall bad = new ToolCall("call_2", "w", "{\"city\":\"Os");
    InvalidModelOutputException e = assertThrows(InvalidModelOutputException.class, bad::parsedArguments);
    assertTrue(e.getMessage().contains("tool call w (call_2)"), e.getMessage());
    assertEquals("{\"city\":\"Os", e.output());
  }

  @Test
  void structuredAnswersParseAndValidate() {
    ResponseFormat format = ResponseFormat.jsonSchema("weather", SCHEMA);
    Completion good = new Completion("{\"city\":\"Oslo\",\"units\":\"c\"}", null, null, null, null, null, null);
    assertEquals(Map.of("city", "Oslo", "units", "c"), good.validatedJson(format));
    Completion bad = new Completion("{\"city\":\"Oslo\",\"units\":\"k\",\"x\":1}", null, null, null, null, null, null);
    SchemaViolationException e = assertThrows(SchemaViolationException.class, () -> bad.validatedJson(format));
    assertEquals(2, e.violations().size(), e.violations().toString());
    assertTrue(e.violations().stream().anyMatch(v -> v.startsWith("$.units")), e.violations().toString());
    assertEquals(Map.of("city", "Oslo", "units", "k", "x", 1), bad.json(), "json() parses without the schema");
    assertThrows(InvalidModelOutputException.class,
        () -> new Completion("not json", null, null, null, null, null, null).json());
  }

  @Test
  void messagesCarryPartsToolCallsAndResults() {
    ImagePart png = ImagePart.bytes(new byte[] {1, 2, 3}, "image/png");
    Message m = Message.user(ContentPart.text("what is "), ContentPart.text("this?"), png);
    assertEquals("what is this?", m.content());
    assertEquals(List.of(png), m.images());
    assertEquals("data:image/png;base64,AQID", png.urlOrDataUrl());
    assertThrows(IllegalArgumentException.class, () -> ImagePart.bytes(new byte[] {1}, "text/plain"));

    ToolCall call = new ToolCall("call_1", "w", "{}");
    Completion answer = new Completion("", null, null, null, null, null, null).withToolCalls(List.of(call));
    Message back = Message.assistant(answer);
    assertEquals(List.of(call), back.toolCalls());
    assertTrue(back.parts().isEmpty());
    Message result = Message.toolResult(call, "{\"t\":3}");
    assertEquals(Role.TOOL, result.role());
    assertEquals("call_1", result.toolCallId());
    assertThrows(IllegalArgumentException.class, () -> new Message(Role.USER, List.of(), List.of(call), null, null));
  }

  @Test
  void logitBiasAndChoicesAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> LogitBias.ofTokenIds(Map.of(-1, 5.0)));
    assertThrows(IllegalArgumentException.class, () -> LogitBias.ofTokenIds(Map.of()));
    assertEquals(100.0, new LogitBias(Map.of(1, -100.0), Map.of("x", 3.0)).maxMagnitude());
    assertThrows(IllegalArgumentException.class, () -> GenerationOptions.builder().choices(0).build());
    assertEquals(ReasoningEffort.HIGH, ReasoningEffort.parse("High"));
    assertThrows(IllegalArgumentException.class, () -> ReasoningEffort.parse("max"));
  }
}
