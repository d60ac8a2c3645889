package dev.nexttoken.cohere.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nexttoken.Chunk;
import dev.nexttoken.ToolCallDelta;
import dev.nexttoken.spi.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tool-call events whose indexes are not 0, 1, … or are missing still make one neutral call each, in order. */
class StreamMapperTest {
  private final StreamMapper mapper = new StreamMapper(false, new LogprobMapper(null, "command-a-03-2025"));

  private List<ToolCallDelta> deltas(String... data) {
    List<ToolCallDelta> out = new ArrayList<>();
    for (String d : data) {
      Chunk chunk = mapper.map(new StreamEvent(null, d, null));
      if (chunk != null) {
        out.addAll(chunk.toolCalls());
      }
    }
    return out;
  }

  private static String start(String index, String id) {
    return "{\"type\":\"tool-call-start\"" + index + ",\"delta\":{\"message\":{\"tool_calls\":{\"id\":\"" + id
        + "\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}}}}";
  }

  private static String delta(String index, String arguments) {
    return "{\"type\":\"tool-call-delta\"" + index + ",\"delta\":{\"message\":{\"tool_calls\":{\"function\":{\"arguments\":\"" + arguments
        + "\"}}}}}";
  }

  @Test
  void cohereIndexesAreRenumberedInTheOrderCallsStart() {
    assertEquals(List.of(
        new ToolCallDelta(0, "a", "f", ""), new ToolCallDelta(1, "b", "f", ""),
        new ToolCallDelta(0, null, null, "{}"), new ToolCallDelta(1, null, null, "[]")),
        deltas(start(",\"index\":3", "a"), start(",\"index\":7", "b"), delta(",\"index\":3", "{}"), delta(",\"index\":7", "[]")));
  }

  @Test
  void withoutIndexesADeltaContinuesTheLastCallStarted() {
    assertEquals(List.of(
        new ToolCallDelta(0, "a", "f", ""), new ToolCallDelta(0, null, null, "{}"),
        new ToolCallDelta(1, "b", "f", ""), new ToolCallDelta(1, null, null, "[]")),
        deltas(start("", "a"), delta("", "{}"), start("", "b"), delta("", "[]")));
  }

  @Test
  void anEndEventCarriesNothing() {
    assertNull(mapper.map(new StreamEvent("tool-call-end", "{\"type\":\"tool-call-end\",\"index\":0}", null)));
  }
}
