package dev.nexttoken.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.contract.FakeProviderFixtures;
import dev.nexttoken.contract.FakeProviderModel;
import dev.nexttoken.contract.Faults;
import dev.nexttoken.contract.ScriptedBody;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.StreamErrorException;
import dev.nexttoken.error.StreamTooLargeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An NDJSON stream (the fake's chat, framed as Ollama frames it) keeps every promise an event
 * stream keeps; what is only framing (the line, the content type) is checked here, the rest by
 * {@code FakeProviderNdjsonContractTest}.
 */
@Timeout(30)
class NdjsonStreamTest {
  private static final ChatRequest CHAT = ChatRequest.builder().user("Say hello").topLogprobs(2).build();
  /** The fixture's first line, which carries the token "Hello". */
  private static final String FIRST_LINE = ndjson().lines().findFirst().orElseThrow() + "\n";

  private MockWebServer server;
  private FakeProviderModel model;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    model = TestTransports.model(server).build();
  }

  @AfterEach
  void stop() {
    release.countDown();
    model.close();
    server.close();
  }

  private static String ndjson() {
    return Faults.text(FakeProviderFixtures.streamedAnswerAsNdjson());
  }

  private static MockResponse ndjson(String body) {
    return FakeProviderFixtures.streamedAnswerAsNdjson().newBuilder().body(body).build();
  }

  @Test
  void theLinesBecomeTheSameChunksAsTheEventStream() {
    server.enqueue(FakeProviderFixtures.streamedAnswer());
    server.enqueue(FakeProviderFixtures.streamedAnswerAsNdjson());

    List<Chunk> sse = chunks(model.completeStreaming(CompletionRequest.builder("Say hello").topLogprobs(2).build()));
    List<Chunk> ndjson = chunks(model.chatStreaming(CHAT));

    assertEquals(3, ndjson.size(), () -> "one chunk a line: " + ndjson);
    assertEquals(sse, ndjson);
  }

  @Test
  void asksForNdjsonAndAcceptsItLabelledAsJson() throws InterruptedException {
    server.enqueue(FakeProviderFixtures.streamedAnswerAsNdjson().newBuilder().setHeader("Content-Type", "application/json; charset=utf-8").build());

    try (CompletionStream stream = model.chatStreaming(CHAT)) {
      assertEquals("Hello world", stream.collect().text());
    }
    assertEquals("application/x-ndjson", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Accept"));
  }

  @Test
  void anErrorLineFailsTheStreamKeepingWhatArrived() {
    // Ollama's shape: the error is a string, not an object.
    server.enqueue(ndjson(FIRST_LINE + "{\"error\":\"model runner has unexpectedly stopped\"}\n"));

    CompletionStream stream = model.chatStreaming(CHAT);
    StreamErrorException e = assertThrows(StreamErrorException.class, stream::collect);

    assertTrue(e.getMessage().contains("model runner has unexpectedly stopped"), e::getMessage);
    assertEquals("fake", e.provider());
    assertEquals("Hello", stream.partial().text());
  }

  @Test
  void aStreamCutBeforeTheLineWithAFinishReasonIsMalformed() {
    // No [DONE] in NDJSON: only the finish reason tells a whole answer from a cut one.
    String withoutLastLine = ndjson().substring(0, ndjson().stripTrailing().lastIndexOf('\n') + 1);
    server.enqueue(Faults.closeDelimited(FakeProviderFixtures.streamedAnswerAsNdjson(), withoutLastLine));

    CompletionStream stream = model.chatStreaming(CHAT);
    MalformedResponseException e = assertThrows(MalformedResponseException.class, stream::collect);

    assertTrue(e.getMessage().contains("ended before the server reported why it stopped"), e::getMessage);
    assertEquals("Hello world", stream.partial().text());
  }

  @Test
  void anOversizedLineFailsUnderTheBoundKeepingWhatArrived() {
    server.enqueue(ndjson(FIRST_LINE + "{\"text\":\"" + "x".repeat(2 << 20) + "\"}\n"));

    CompletionStream stream = model.chatStreaming(CHAT);
    StreamTooLargeException e = assertThrows(StreamTooLargeException.class, stream::collect);

    assertTrue(e.getMessage().contains("1048576") && e.getMessage().contains("maxEventBytes"), e::getMessage);
    assertEquals("fake", e.provider());
    assertEquals("Hello", stream.partial().text());
  }

  @Test
  void closingFromAnotherThreadEndsABlockedRead() throws Exception {
    server.enqueue(ScriptedBody.thenStall(FakeProviderFixtures.streamedAnswerAsNdjson(), FIRST_LINE, release));
    CompletionStream stream = model.chatStreaming(CHAT);
    Iterator<Chunk> chunks = stream.iterator();
    assertEquals("Hello", chunks.next().textDelta());

    CountDownLatch reading = new CountDownLatch(1);
    CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(() -> {
      reading.countDown();
      return chunks.hasNext(); // blocks: the server is silent
    });
    assertTrue(reading.await(10, TimeUnit.SECONDS));
    stream.close();

    assertFalse(reader.get(10, TimeUnit.SECONDS), "the blocked read ends without an exception");
    assertEquals("Hello", stream.partial().text());
  }

  @Test
  void anEventStreamContentTypeIsNotNdjson() {
    server.enqueue(FakeProviderFixtures.streamedAnswerAsNdjson().newBuilder().setHeader("Content-Type", "text/event-stream").build());

    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> model.chatStreaming(CHAT).close());

    assertTrue(e.getMessage().contains("application/x-ndjson") && e.getMessage().contains("text/event-stream"), e::getMessage);
    assertEquals(200, e.httpStatus());
  }

  private static List<Chunk> chunks(CompletionStream stream) {
    List<Chunk> all = new ArrayList<>();
    try (stream) {
      stream.forEach(all::add);
    }
    assertNotNull(all.get(all.size() - 1).finishReason(), "the last chunk says why the stream stopped");
    return all;
  }
}
