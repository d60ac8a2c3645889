package dev.nexttoken;

import dev.nexttoken.internal.CompletionAccumulator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chunks become the response a non-streaming call returns. */
class CompletionAccumulatorTest {
  private static final TokenLogprob HELLO = new TokenLogprob("Hello", null, 1, -0.25, List.of(new TokenCandidate("Hi", null, 2, -1.5)));
  private static final TokenLogprob WORLD = new TokenLogprob(" world", null, 3, -0.5, List.of());
  private static final ResponseMetadata HEADERS = new ResponseMetadata(null, "req-1", Map.of("x-ratelimit-remaining-tokens", "99"), Map.of());

  @Test
  void concatenatesTextAndAppendsEachLogprobOnce() {
    CompletionAccumulator acc = new CompletionAccumulator(HEADERS);
    acc.add(new Chunk("Hello", List.of(HELLO), null, null, "m-1", "resp-1", Map.of()));
    acc.add(new Chunk(" world", List.of(WORLD), null, null, "m-2", "resp-2", Map.of("billed", "2")));
    acc.add(new Chunk("", List.of(), FinishReason.of(FinishReason.Kind.STOP, "stop"), Usage.of(3, 2), null, null, Map.of("billed", "3")));

    Completion result = acc.result();

    assertEquals("Hello world", result.text());
    assertEquals(List.of(HELLO, WORLD), result.logprobs());
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "stop"), result.finishReason());
    assertEquals(new Usage(3, 2, 5), result.usage());
    assertEquals("m-1", result.model(), "the first model seen");
    assertEquals(new ResponseMetadata("resp-1", "req-1", Map.of("x-ratelimit-remaining-tokens", "99"), Map.of("billed", "3")), result.metadata());
    assertNull(result.promptLogprobs());
  }

  @Test
  void lastFinishReasonAndUsageWin() {
    CompletionAccumulator acc = new CompletionAccumulator(null);
    acc.add(new Chunk("a", null, FinishReason.of(FinishReason.Kind.OTHER, "pause"), Usage.of(1, 1), null, null, null));
    acc.add(new Chunk("b", null, FinishReason.of(FinishReason.Kind.LENGTH, "length"), Usage.of(1, 2), null, null, null));

    Completion result = acc.result();

    assertEquals(FinishReason.Kind.LENGTH, result.finishReason().kind());
    assertEquals(Usage.of(1, 2), result.usage());
  }

  @Test
  void logprobsAreNullUnlessAChunkCarriedAListEvenAnEmptyOne() {
    CompletionAccumulator none = new CompletionAccumulator(null);
    CompletionAccumulator empty = new CompletionAccumulator(null);
    none.add(Chunk.text("hi"));
    empty.add(Chunk.text("hi"));
    empty.add(new Chunk("", List.of(), null, null, null, null, null));

    // Was List.of() when requested: the item-8 rule, null when the answer carries no logprobs.
    assertNull(none.result().logprobs());
    assertEquals(List.of(), empty.result().logprobs());
    assertEquals(Usage.UNKNOWN, none.result().usage());
    assertNull(none.result().finishReason());
  }

  @Test
  void unrequestedLogprobsAreKeptNotFatal() {
    CompletionAccumulator acc = new CompletionAccumulator(null);
    acc.add(new Chunk("Hello", List.of(HELLO), null, null, null, null, null));

    assertEquals(List.of(HELLO), acc.result().logprobs());
  }

  @Test
  void resultIsASnapshot() {
    CompletionAccumulator acc = new CompletionAccumulator(null);
    acc.add(new Chunk("Hello", List.of(HELLO), null, null, null, null, null));
    Completion early = acc.result();
    acc.add(new Chunk(" world", List.of(WORLD), null, null, null, null, null));

    assertEquals("Hello", early.text());
    assertEquals(List.of(HELLO), early.logprobs());
    assertEquals("Hello world", acc.result().text());
  }

  @Test
  void toolCallDeltasJoinPerIndexWithIdAndNameFromTheFirstPiece() {
    CompletionAccumulator acc = new CompletionAccumulator(null);
    acc.add(Chunk.text("").withToolCalls(List.of(new ToolCallDelta(0, "call_a", "weather", ""))));
    acc.add(Chunk.text("").withToolCalls(List.of(new ToolCallDelta(0, null, null, "{\"city\":\"Os"),
        new ToolCallDelta(1, "call_b", "price", "{\"sym"))));
    acc.add(Chunk.text("").withToolCalls(List.of(new ToolCallDelta(1, "call_b", null, "bol\":\"AAPL\"}"),
        new ToolCallDelta(0, "call_a", null, "lo\"}"))));
    acc.add(new Chunk("", null, FinishReason.of(FinishReason.Kind.TOOL_CALLS, "tool_calls"), null, null, null, null));

    Completion result = acc.result();

    assertEquals(List.of(new ToolCall("call_a", "weather", "{\"city\":\"Oslo\"}"),
        new ToolCall("call_b", "price", "{\"symbol\":\"AAPL\"}")), result.toolCalls());
    assertEquals(FinishReason.Kind.TOOL_CALLS, result.finishReason().kind());
  }

  @Test
  void reasoningStaysApartAndChoicesAreCollectedByIndex() {
    CompletionAccumulator acc = new CompletionAccumulator(null);
    acc.add(Chunk.text("").withReasoning("think", List.of(WORLD)));
    acc.add(new Chunk("A", List.of(HELLO), null, null, null, null, null));
    acc.add(new Chunk("B", null, null, null, null, null, null).forChoice(1));
    acc.add(new Chunk("", null, FinishReason.of(FinishReason.Kind.LENGTH, "length"), null, null, null, null).forChoice(1));
    acc.add(new Chunk("", null, FinishReason.of(FinishReason.Kind.STOP, "stop"), Usage.of(1, 2), null, null, null));

    Completion result = acc.result();

    assertEquals("A", result.text());
    assertEquals(List.of(HELLO), result.logprobs(), "reasoning logprobs are not mixed in");
    assertEquals("think", result.reasoning());
    assertEquals(List.of(WORLD), result.reasoningLogprobs());
    assertEquals(2, result.choices().size());
    Completion second = result.otherChoices().get(0);
    assertEquals("B", second.text());
    assertEquals(FinishReason.Kind.LENGTH, second.finishReason().kind());
    assertNull(second.logprobs());
  }
}
