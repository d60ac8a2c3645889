package dev.nexttoken.gemini;

import static dev.nexttoken.gemini.GeminiTestSupport.body;
import static dev.nexttoken.gemini.GeminiTestSupport.fixture;
import static dev.nexttoken.gemini.GeminiTestSupport.json;
import static dev.nexttoken.gemini.GeminiTestSupport.sse;
import static dev.nexttoken.gemini.GeminiTestSupport.tree;
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
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.StreamErrorException;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code streamGenerateContent?alt=sse}: CRLF-ended events, no {@code [DONE]}, cumulative usage, and equality with the blocking answer. */
class GeminiStreamingTest extends MockGeminiTest {
  private static final ChatRequest TOP3 = ChatRequest.builder().user("What colour is the sky?").topLogprobs(3).build();

  @Test
  void asksForServerSentEventsOnTheStreamRoute() throws Exception {
    server.enqueue(sse("stream/logprobs-top3.sse"));
    try (CompletionStream stream = model.chatStreaming(TOP3)) {
      stream.collect();
    }
    RecordedRequest request = server.takeRequest();
    assertEquals("/v1beta/models/gemini-2.0-flash:streamGenerateContent", request.getUrl().encodedPath());
    assertEquals("alt=sse", request.getUrl().query());
    assertEquals("text/event-stream", request.getHeaders().get("Accept"));
    assertEquals(GeminiTestSupport.KEY, request.getHeaders().get("x-goog-api-key"));
    assertEquals(tree("{'contents':[{'role':'user','parts':[{'text':'What colour is the sky?'}]}],"
        + "'generationConfig':{'responseLogprobs':true,'logprobs':3}}"), body(request));
  }

  @Test
  void theFixtureReallyEndsItsEventsWithCrlf() {
    String raw = fixture("stream/logprobs-top3.sse");
    assertTrue(raw.contains("}\r\n\r\ndata: "), "CRLF pairs between events");
    assertEquals(3, raw.split("\r\n\r\n").length);
  }

  @Test
  void eachEventIsAChunkWithItsOwnTokensAndTheCumulativeUsage() {
    server.enqueue(sse("stream/logprobs-top3.sse"));
    List<Chunk> chunks = new ArrayList<>();
    try (CompletionStream stream = model.chatStreaming(TOP3)) {
      stream.forEach(chunks::add);
    }

    assertEquals(List.of("The sky", " is", " blue."), chunks.stream().map(Chunk::textDelta).toList());
    assertEquals(List.of(2, 1, 2), chunks.stream().map(c -> c.logprobs().size()).toList());
    assertEquals(List.of(" blue", "."), chunks.get(2).logprobs().stream().map(TokenLogprob::token).toList());
    assertEquals(new Usage(2060, null, 2060, 2048, null), chunks.get(0).usage(), "the first event's figures, not yet final");
    assertEquals(new Usage(2060, 5, 2103, 2048, 38), chunks.get(2).usage());
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "STOP"), chunks.get(2).finishReason());
    assertNull(chunks.get(0).finishReason());
    assertEquals("resp-sky-7", chunks.get(0).responseId());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"logprobs-top3, 3", "hello, 2", "utf8, 0"})
  void collectedStreamEqualsTheBlockingAnswer(String fixture, int top) {
    ChatRequest request = ChatRequest.builder().user("Hi").topLogprobs(top).build();
    server.enqueue(json("generate/" + fixture + ".json"));
    server.enqueue(sse("stream/" + fixture + ".sse"));
    Completion whole = model.chat(request);
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(request)) {
      collected = stream.collect();
    }

    assertEquals(whole.text(), collected.text());
    assertEquals(whole.logprobs(), collected.logprobs());
    assertEquals(whole.finishReason(), collected.finishReason());
    assertEquals(whole.usage(), collected.usage());
    assertEquals(whole.model(), collected.model());
    assertEquals(whole.metadata().responseId(), collected.metadata().responseId());
    Map<String, String> blockingOnly = new HashMap<>(whole.metadata().extras());
    blockingOnly.remove("avgLogprobs");
    blockingOnly.remove("logProbabilitySum");
    assertEquals(blockingOnly, collected.metadata().extras(), "per-event averages and sums are not collected");
  }

  @Test
  void aCharacterSplitAcrossNetworkReadsDecodesWhole() {
    // Three bytes a read: the emoji's four bytes (and "á"'s two) arrive in pieces.
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body(fixture("stream/utf8.sse")).throttleBody(3, 1, TimeUnit.MILLISECONDS).build());
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(ChatRequest.builder().user("Greet me").topLogprobs(0).build())) {
      collected = stream.collect();
    }
    assertEquals("Olá 🙂", collected.text());
    assertEquals(5, collected.logprobs().size());
  }

  @Test
  void withoutLogprobsAskedChunksCarryNone() {
    server.enqueue(sse("stream/logprobs-top3.sse"));
    try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Hi"))) {
      assertNull(stream.collect().logprobs());
    }
  }

  @Test
  void aStreamCutBeforeItsFinishReasonFailsAndKeepsWhatArrived() {
    server.enqueue(sse("stream/cut.sse"));
    CompletionStream stream = model.chatStreaming(TOP3);
    MalformedResponseException e = assertThrows(MalformedResponseException.class, stream::collect);

    assertEquals("gemini", e.provider());
    assertEquals("The sky", stream.partial().text());
    assertEquals(2, stream.partial().logprobs().size());
    stream.close();
  }

  @Test
  void anErrorEventInsideTheStreamIsAStreamError() {
    server.enqueue(sse("stream/error-mid-stream.sse"));
    CompletionStream stream = model.chatStreaming(TOP3);
    StreamErrorException e = assertThrows(StreamErrorException.class, stream::collect);

    assertTrue(e.getMessage().contains("The model is overloaded"), e.getMessage());
    assertEquals("UNAVAILABLE", e.details().errorCode());
    assertEquals("The sky", stream.partial().text());
    stream.close();
  }

  @Test
  void aBlockedPromptEndsTheStreamWithItsBlockReason() {
    server.enqueue(sse("stream/prompt-blocked.sse"));
    try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Something unsafe"))) {
      Completion collected = stream.collect();
      assertEquals("", collected.text());
      assertEquals(FinishReason.of(FinishReason.Kind.CONTENT_FILTER, "SAFETY"), collected.finishReason());
      assertEquals("SAFETY", collected.metadata().extras().get("promptFeedback.blockReason"));
    }
  }
}
