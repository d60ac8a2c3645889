package dev.nexttoken.wire.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.LogitBias;
import dev.nexttoken.Message;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolCall;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.spi.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written chat body: every field under its wire name, nulls left out, text escaped. */
class ChatBodyTest {
  private static final ChatDialect OPENAI = ChatDialect.openAi("openai");
  private static final ChatDialect LLAMA = ChatDialect.llamaCpp("llamacpp", false, false);

  private static String write(Object body) {
    return new String(Json.write(body), StandardCharsets.UTF_8);
  }

  private static String write(ChatRequest request, ChatDialect dialect) {
    return write(ChatRequestMapper.body(request, dialect, false, false));
  }

  @Test
  void writesToolsTheNamedChoiceAndTheParallelSwitch() {
    ChatRequest request = ChatRequest.builder().user("Hi")
        .tool(new Tool("f", "Does f", "{ \"type\" : \"object\" }", false))
        .tool(new Tool("g", null, null, null))
        .toolChoice(ToolChoice.named("g")).parallelToolCalls(false).build();
    assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\"Does f\","
        + "\"parameters\":{ \"type\" : \"object\" },\"strict\":false}},"
        + "{\"type\":\"function\",\"function\":{\"name\":\"g\"}}],"
        + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"g\"}},\"parallel_tool_calls\":false}",
        write(request, OPENAI), "the schema as written, a tool without description or parameters without them");
  }

  @Test
  void sendsNoToolChoiceNoneWithoutTools() {
    assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
        write(ChatRequest.builder().user("Hi").toolChoice(ToolChoice.NONE).build(), OPENAI));
  }

  @Test
  void writesToolCallsAndResultsInTheConversation() {
    ChatRequest request = ChatRequest.builder().user("Hi")
        .message(Message.assistant("", List.of(new ToolCall("c1", "f", "{\"a\":\"\u00e9\"}"))))
        .message(Message.toolResult("c1", "f", "42"))
        .message(Message.assistant("Let me check.", List.of(new ToolCall("c2", "g", ""))))
        .tool(Tool.of("f", null, null)).tool(Tool.of("g", null, null)).toolChoice(ToolChoice.AUTO).build();
    assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":\\\"\u00e9\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"content\":\"42\",\"tool_call_id\":\"c1\"},"
        + "{\"role\":\"assistant\",\"content\":\"Let me check.\",\"tool_calls\":[{\"id\":\"c2\",\"type\":\"function\","
        + "\"function\":{\"name\":\"g\",\"arguments\":\"\"}}]}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}},{\"type\":\"function\",\"function\":{\"name\":\"g\"}}],"
        + "\"tool_choice\":\"auto\"}", write(request, OPENAI));
  }

  @Test
  void writesContentPartsOnlyForAMessageWithImages() {
    ChatRequest request = ChatRequest.builder().user("plain")
        .user(ContentPart.text("a"), ImagePart.bytes(new byte[] {1, 2, 3}, "image/jpeg"), ContentPart.text("b")).build();
    assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":\"plain\"},{\"role\":\"user\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64,AQID\"}},"
        + "{\"type\":\"text\",\"text\":\"b\"}]}]}", write(request, OPENAI));
  }

  @Test
  void writesResponseFormatsReasoningEffortAndN() {
    String schema = "{\"type\":\"object\"}";
    assertEquals(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"response\",\"schema\":{\"type\":\"object\"}}},"
        + "\"reasoning_effort\":\"minimal\",\"n\":2}",
        tail(ChatRequest.builder().user("x").jsonSchema(schema).reasoningEffort(ReasoningEffort.MINIMAL).choices(2).build()));
    assertEquals(",\"response_format\":{\"type\":\"text\"}}", tail(ChatRequest.builder().user("x").responseFormat(ResponseFormat.TEXT).build()));
    assertEquals(",\"response_format\":{\"type\":\"json_object\"}}",
        tail(ChatRequest.builder().user("x").responseFormat(ResponseFormat.JSON_OBJECT).build()));
  }

  private static String tail(ChatRequest request) {
    String json = write(request, OPENAI);
    return json.substring(json.indexOf("}]") + 2);
  }

  /** llama.cpp's pairs take text too, and keep a text made of digits from being read as an id. */
  @Test
  void writesLogitBiasAsAnObjectOfIdsOrAsLlamaCppsPairs() {
    Map<Integer, Double> ids = new LinkedHashMap<>();
    ids.put(15043, 1.0);
    ids.put(7, -100.0);
    Map<String, Double> texts = new LinkedHashMap<>();
    texts.put("Hello", -0.5);
    texts.put("42", 2.0);
    ChatRequest byIds = ChatRequest.builder().user("x").logitBias(LogitBias.ofTokenIds(ids)).build();
    ChatRequest both = ChatRequest.builder().user("x").logitBias(new LogitBias(ids, texts)).build();

    assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"logit_bias\":{\"15043\":1.0,\"7\":-100.0}}",
        write(byIds, OPENAI));
    assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":false,\"cache_prompt\":false,"
        + "\"logit_bias\":[[15043,1.0],[7,-100.0],[\"Hello\",-0.5],[\"42\",2.0]]}", write(both, LLAMA));
  }

  /** llama.cpp answers logprobs with tools in a stream with 400 (wire-formats-2 §5.3). */
  @Test
  void llamaCppRefusesLogprobsWithToolsOnlyWhileStreaming() {
    ChatRequest request = ChatRequest.builder().user("x").tool(Tool.of("f", null, null)).topLogprobs(2).build();
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> ChatRequestMapper.body(request, LLAMA, true, true));
    assertEquals("logprobs", e.field());
    ChatRequestMapper.body(request, LLAMA, false, false);
    ChatRequestMapper.body(request, OPENAI, true, true);
  }

  @Test
  void writesEveryChatFieldUnderItsWireName() {
    ChatBody body = new ChatBody("gpt-4o-mini", List.of(new ChatBody.Message("user", "say \"hi\"\n\u00e9")),
        5, null, 0.5, null, 0.9, List.of("\n", "END"), 7L, true, 3, null, true, StreamOptions.INCLUDE_USAGE, null, null, null, null);
    assertEquals("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"hi\\\"\\n\u00e9\"}],"
        + "\"max_completion_tokens\":5,\"temperature\":0.5,\"top_p\":0.9,\"stop\":[\"\\n\",\"END\"],\"seed\":7,"
        + "\"logprobs\":true,\"top_logprobs\":3,\"stream\":true,\"stream_options\":{\"include_usage\":true}}", write(body));
  }

  @Test
  void writesLlamaCppsOwnFieldsUnderTheirWireNames() {
    ChatBody body = new ChatBody(null, List.of(), null, 2, null, 5, null, null, null, true, 1, true, false, null, true, null, null, null);
    assertEquals("{\"messages\":[],\"max_tokens\":2,\"top_k\":5,\"logprobs\":true,\"top_logprobs\":1,"
        + "\"post_sampling_probs\":true,\"stream\":false,\"cache_prompt\":true}", write(body));
  }

  @Test
  void leavesOutWhatIsNotSet() {
    ChatBody chat = new ChatBody(null, List.of(), null, 16, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    assertEquals("{\"messages\":[],\"max_tokens\":16}", write(chat));
  }

  @Test
  void writesVllmsTokenIdFlagUnderItsWireName() {
    ChatBody body = new ChatBody(null, List.of(), null, 2, null, 40, null, null, null, true, 0, null, null, null, null, true, null, null);
    assertEquals("{\"messages\":[],\"max_tokens\":2,\"top_k\":40,\"logprobs\":true,\"top_logprobs\":0,"
        + "\"return_tokens_as_token_ids\":true}", write(body));
  }
}
