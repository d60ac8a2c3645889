package dev.nexttoken.cohere;

import static dev.nexttoken.cohere.CohereTestSupport.body;
import static dev.nexttoken.cohere.CohereTestSupport.json;
import static dev.nexttoken.cohere.CohereTestSupport.sse;
import static dev.nexttoken.cohere.CohereTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Usage;
import dev.nexttoken.error.StreamErrorException;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streamed {@code /v2/chat} over SSE with {@code event:} lines, and its equality with the non-streamed answer. */
class CohereStreamingTest extends MockCohereTest {
  private static final ChatRequest WITH_LOGPROBS = ChatRequest.builder().user("Capital of France?").topLogprobs(0).build();

  @Test
  void sendsStreamTrueAndAsksForAnEventStream() throws Exception {
    server.enqueue(sse("chat/logprobs.sse"));
    try (CompletionStream stream = model.chatStreaming(WITH_LOGPROBS)) {
      stream.collect();
    }
    RecordedRequest request = server.takeRequest();
    assertEquals("/v2/chat", request.getUrl().encodedPath());
    assertEquals("text/event-stream", request.getHeaders().get("Accept"));
    assertEquals(tree("{'model':'" + CohereModel.DEFAULT_MODEL + "','messages':[{'role':'user','content':'Capital of France?'}],"
        + "'stream':true,'logprobs':true}"), body(request));
  }

  @Test
  void eachDeltaBecomesAChunkWithItsOwnTokens() {
    server.enqueue(sse("chat/logprobs.sse"));
    List<Chunk> chunks = new ArrayList<>();
    try (CompletionStream stream = model.chatStreaming(WITH_LOGPROBS)) {
      stream.forEach(chunks::add);
    }

    assertEquals("5c1f6c0e-0000-4000-8000-000000000000", chunks.get(0).responseId(), "message-start gives the id");
    List<String> texts = chunks.stream().map(Chunk::textDelta).filter(t -> !t.isEmpty()).toList();
    assertEquals(List.of("Paris", ",", " bien", " sûr", "."), texts);
    Chunk multiId = chunks.stream().filter(c -> c.textDelta().equals(" sûr")).findFirst().orElseThrow();
    assertEquals(List.of(new TokenLogprob("", null, 4598, -0.25, null), new TokenLogprob(" sûr", null, 3074, -0.0007, null)),
        multiId.logprobs());
    Chunk last = chunks.get(chunks.size() - 1);
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "COMPLETE"), last.finishReason());
    assertEquals(new Usage(212, 6, 218, 0, null), last.usage(), "cached_tokens 0 in message-end");
    assertEquals(Map.of("billed_units.input_tokens", "9", "billed_units.output_tokens", "6", "cached_tokens", "0"), last.extras());
  }

  @ParameterizedTest
  @ValueSource(strings = {"logprobs", "max-tokens"})
  void collectedStreamEqualsTheNonStreamedAnswer(String fixture) {
    server.enqueue(json("chat/" + fixture + ".json"));
    server.enqueue(sse("chat/" + fixture + ".sse"));
    Completion whole = model.chat(WITH_LOGPROBS);
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(WITH_LOGPROBS)) {
      collected = stream.collect();
    }
    assertEquals(whole, collected);
    assertTrue(collected.logprobs().stream().allMatch(t -> t.topLogprobs() == null), "alternatives unknown, also when streamed");
  }

  @Test
  void thinkingStreamsAsReasoningAndWithoutLogprobsTheyStayNull() {
    server.enqueue(json("chat/plain.json"));
    server.enqueue(sse("chat/plain.sse"));
    Completion whole = model.chat("Capital of France?");
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Capital of France?"))) {
      collected = stream.collect();
    }
    assertEquals("Paris", collected.text());
    assertEquals("The user wants the capital.", collected.reasoning());
    assertNull(collected.logprobs());
    assertEquals(whole, collected);
  }

  @Test
  void logprobsOnAThinkingItemDoNotJoinTheAnswersLogprobs() {
    String body = "event: content-start\ndata: {\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"thinking\",\"thinking\":\"\"}}}}\n\n"
        + "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"thinking\":\"Capital?\"}}},"
        + "\"logprobs\":{\"text\":\"Capital?\",\"token_ids\":[901],\"logprobs\":[-0.9]}}\n\n"
        + "event: content-start\ndata: {\"type\":\"content-start\",\"index\":1,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}\n\n"
        + "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":1,\"delta\":{\"message\":{\"content\":{\"text\":\"Paris\"}}},"
        + "\"logprobs\":{\"text\":\"Paris\",\"token_ids\":[41521],\"logprobs\":[-0.0031]}}\n\n"
        + "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\"}}\n\n";
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build());
    try (CompletionStream stream = model.chatStreaming(WITH_LOGPROBS)) {
      Completion collected = stream.collect();
      assertEquals("Paris", collected.text());
      assertEquals("Capital?", collected.reasoning());
      assertEquals(List.of(new TokenLogprob("Paris", null, 41521, -0.0031, null)), collected.logprobs());
      assertNull(collected.reasoningLogprobs());
    }
  }

  @Test
  void doneEndsTheStreamAndNothingAfterItIsRead() {
    String body = CohereTestSupport.fixture("chat/max-tokens.sse")
        + "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\" after done\"}}}}\n\n";
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build());
    try (CompletionStream stream = model.chatStreaming(WITH_LOGPROBS)) {
      assertEquals("The capital", stream.collect().text());
    }
  }

  @Test
  void unknownEventTypesCommentsAndDebugEventsAreSkipped() {
    server.enqueue(sse("chat/unknown-event.sse"));
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(WITH_LOGPROBS)) {
      collected = stream.collect();
    }
    assertEquals("Paris", collected.text());
    assertEquals(List.of(new TokenLogprob("Paris", null, 41521, -0.0031, null)), collected.logprobs());
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "COMPLETE"), collected.finishReason());
    assertEquals("e0f1a2b3-0000-4000-8000-000000000004", collected.metadata().responseId());
  }

  @Test
  void nonJsonDataOtherThanDoneIsIgnored() {
    // Where Cohere puts [DONE] relative to event: lines is undocumented; any non-JSON data is skipped.
    String body = "event: message-start\ndata: {\"type\":\"message-start\",\"id\":\"x-2\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}\n\n"
        + "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Paris\"}}}}\n\n"
        + "event: message-end\ndata: ping\n\n"
        + "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\"}}\n\n"
        + "event: stream-end\ndata: [DONE]\n\n";
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build());
    try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Capital of France?"))) {
      Completion collected = stream.collect();
      assertEquals("Paris", collected.text());
      assertEquals(FinishReason.of(FinishReason.Kind.STOP, "COMPLETE"), collected.finishReason());
      assertEquals(Usage.UNKNOWN, collected.usage());
    }
  }

  @Test
  void anErrorPayloadInsideTheStreamFailsWithWhatArrivedKept() {
    String body = "event: message-start\ndata: {\"type\":\"message-start\",\"id\":\"x-1\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}\n\n"
        + "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Par\"}}}}\n\n"
        + "data: {\"error\":{\"message\":\"internal server error\"}}\n\n";
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build());
    try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Capital of France?"))) {
      StreamErrorException e = assertThrows(StreamErrorException.class, stream::collect);
      assertEquals("cohere", e.provider());
      assertEquals("Par", stream.partial().text());
    }
  }
}
