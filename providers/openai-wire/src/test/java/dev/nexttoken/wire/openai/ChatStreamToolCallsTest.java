package dev.nexttoken.wire.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.ToolCall;
import dev.nexttoken.internal.CompletionAccumulator;
import dev.nexttoken.spi.StreamEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streamed tool-call fragments as servers really send them (wire-formats-2 §5.1, pitfalls §4.5.3 and
 * §5.6.1): by {@code index} as documented, but also with the id repeated on every fragment, two
 * fragments of one call in one chunk, calls interleaved, and no index at all.
 */
class ChatStreamToolCallsTest {
  private static Completion collect(String... deltas) {
    ChatChunkMapper mapper = new ChatChunkMapper(LogprobsOption.NONE, ChatDialect.compatible("openai"));
    CompletionAccumulator accumulator = new CompletionAccumulator(ResponseMetadata.EMPTY);
    for (String delta : deltas) {
      Chunk chunk = mapper.map(new StreamEvent(null,
          "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}", null));
      if (chunk != null) {
        accumulator.add(chunk);
      }
    }
    return accumulator.result();
  }

  private static String call(String index, String id, String name, String arguments) {
    return "{\"tool_calls\":[{" + (index == null ? "" : "\"index\":" + index + ",") + (id == null ? "" : "\"id\":\"" + id + "\",")
        + "\"type\":\"function\",\"function\":{" + (name == null ? "" : "\"name\":\"" + name + "\",") + "\"arguments\":" + arguments + "}}]}";
  }

  @Test
  void aRepeatedIdCountsOnce() {
    Completion c = collect(call("0", "call_a", "f", "\"{\\\"x\\\":\""), call("0", "call_a", null, "\"1}\""));
    assertEquals(List.of(new ToolCall("call_a", "f", "{\"x\":1}")), c.toolCalls());
  }

  @Test
  void interleavedCallsAndTwoFragmentsOfOneCallInOneChunkJoinByIndex() {
    Completion c = collect(
        call("0", "call_a", "f", "\"{\\\"a\""),
        call("1", "call_b", "g", "\"[\""),
        call("0", null, null, "\"\\\":1}\""),
        "{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"2\"}},{\"index\":1,\"function\":{\"arguments\":\"]\"}}]}");
    assertEquals(List.of(new ToolCall("call_a", "f", "{\"a\":1}"), new ToolCall("call_b", "g", "[2]")), c.toolCalls());
  }

  /** Gemini's compatible endpoint sends whole calls without an index: each new id is a new call. */
  @Test
  void wholeCallsWithoutAnIndexStayApart() {
    Completion separate = collect(call(null, "call_a", "f", "\"{}\""), call(null, "call_b", "g", "\"{\\\"q\\\":2}\""));
    Completion together = collect("{\"tool_calls\":[{\"id\":\"call_a\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},"
        + "{\"id\":\"call_b\",\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"q\\\":2}\"}}]}");

    List<ToolCall> expected = List.of(new ToolCall("call_a", "f", "{}"), new ToolCall("call_b", "g", "{\"q\":2}"));
    assertEquals(expected, separate.toolCalls());
    assertEquals(expected, together.toolCalls());
  }

  @Test
  void fragmentsWithoutAnIndexOrIdContinueTheLastCall() {
    Completion c = collect(call(null, "call_a", "f", "\"{\\\"city\\\":\""), call(null, null, null, "\"\\\"Oslo\\\"}\""),
        call(null, "call_a", null, "\"\""));
    assertEquals(List.of(new ToolCall("call_a", "f", "{\"city\":\"Oslo\"}")), c.toolCalls());
  }

  @Test
  void anIndexAfterCallsWithoutOneStartsNoCollision() {
    Completion c = collect(call(null, "call_a", "f", "\"{}\""), call("1", "call_b", "g", "\"{}\""), call(null, "call_c", "h", "\"{}\""));
    assertEquals(List.of("call_a", "call_b", "call_c"), c.toolCalls().stream().map(ToolCall::id).toList());
  }
}
