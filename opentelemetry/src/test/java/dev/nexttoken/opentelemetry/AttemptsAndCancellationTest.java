package dev.nexttoken.opentelemetry;

import static dev.nexttoken.opentelemetry.GenAiAttributes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.contract.ScriptedBody;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A retried call shows each attempt; a stream closed before its end ends its span as cancelled. */
class AttemptsAndCancellationTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final OpenAiServer server = new OpenAiServer();
  private final NextTokenTelemetry telemetry = NextTokenTelemetry.create(otel.sdk);
  private LanguageModel model;

  @AfterEach
  void stop() {
    if (model != null) {
      model.close();
    }
    server.close();
    otel.close();
  }

  @Test
  void aRetriedCallShowsEachAttemptAsAnEvent() {
    server.server.enqueue(OpenAiServer.error(503, "server_error", null, "busy"));
    server.server.enqueue(OpenAiServer.error(502, "server_error", null, "bad gateway"));
    server.enqueueJson("chat/answer.json");
    model = telemetry.wrap(server.model().retry(OpenAiServer.FAST_RETRIES).requestListener(telemetry.requestListener()).build());

    model.chat(ChatRequest.of("Capital of France?"));

    SpanData span = otel.onlySpan();
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode(), "the call succeeded in the end");
    assertEquals(3L, span.getAttributes().get(ATTEMPTS));
    List<EventData> attempts = span.getEvents().stream().filter(e -> e.getName().equals(ATTEMPT_EVENT)).toList();
    assertEquals(3, attempts.size());
    assertEquals(List.of(503L, 502L, 200L), attempts.stream().map(e -> e.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).toList());
    assertEquals(java.util.Arrays.asList(null, 1L, 2L), attempts.stream().map(e -> e.getAttributes().get(HTTP_REQUEST_RESEND_COUNT)).toList());
    assertEquals(java.util.Arrays.asList("503", "502", null), attempts.stream().map(e -> e.getAttributes().get(ERROR_TYPE)).toList());
    for (EventData attempt : attempts) {
      Attributes a = attempt.getAttributes();
      assertEquals("POST", a.get(HTTP_REQUEST_METHOD));
      assertEquals(server.server.url("/v1/chat/completions").toString(), a.get(URL_FULL));
      assertTrue(a.get(ATTEMPT_DURATION) >= 0);
    }
  }

  @Test
  void withoutTheListenerThereAreNoAttemptEvents() {
    server.enqueueJson("chat/answer.json");
    model = telemetry.wrap(server.model().build());

    model.chat(ChatRequest.of("Capital of France?"));

    assertTrue(otel.onlySpan().getEvents().isEmpty());
    assertNull(otel.onlySpan().getAttributes().get(ATTEMPTS));
  }

  @Test
  @SuppressWarnings("try")
  void anUnwrappedModelsAttemptsGoOnTheApplicationsSpan() {
    server.enqueueJson("chat/answer.json");
    try (LanguageModel plain = server.model().requestListener(telemetry.requestListener()).build()) {
      Span span = otel.sdk.getTracer("test").spanBuilder("handler").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        plain.chat(ChatRequest.of("Capital of France?"));
      } finally {
        span.end();
      }
    }

    assertEquals(List.of(ATTEMPT_EVENT), otel.onlySpan().getEvents().stream().map(EventData::getName).toList());
  }

  /** The stream's first two events (the role, then "Paris"), then silence until the test ends. */
  private MockResponse stallingAfterParis(CountDownLatch release) {
    String sse = OpenAiServer.read("chat/stream.sse");
    String firstTwo = sse.substring(0, sse.indexOf("data:", sse.indexOf("data:", sse.indexOf("data:") + 1) + 1));
    return ScriptedBody.thenStall(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(sse).build(), firstTwo, release);
  }

  @Test
  void aStreamClosedEarlyEndsItsSpanAsCancelled() {
    CountDownLatch release = new CountDownLatch(1);
    server.server.enqueue(stallingAfterParis(release));
    model = telemetry.wrap(server.model().build());

    try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Capital of France?"))) {
      assertEquals("Paris", stream.iterator().next().textDelta());
      assertTrue(otel.spans.getFinishedSpanItems().isEmpty());
    } finally {
      release.countDown();
    }

    SpanData span = otel.onlySpan();
    assertEquals(true, span.getAttributes().get(STREAM_CANCELLED));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode(), "closing early is the caller's choice, not an error");
    assertNull(span.getAttributes().get(ERROR_TYPE));
    assertNull(span.getAttributes().get(RESPONSE_FINISH_REASONS), "no finish: the answer was cut");
    assertEquals("gpt-4o-mini-2024-07-18", span.getAttributes().get(RESPONSE_MODEL), "what arrived is still shown");
    assertTrue(span.getAttributes().get(RESPONSE_TIME_TO_FIRST_CHUNK) != null);
  }

  @Test
  void aStreamNeverReadAndClosedIsCancelledToo() {
    server.enqueueStream("chat/stream.sse");
    model = telemetry.wrap(server.model().build());

    model.chatStreaming(ChatRequest.of("Capital of France?")).close();

    SpanData span = otel.onlySpan();
    assertEquals(true, span.getAttributes().get(STREAM_CANCELLED));
    assertNull(span.getAttributes().get(RESPONSE_TIME_TO_FIRST_CHUNK));
  }

  @Test
  void closingAfterTheEndIsNotACancellation() {
    server.enqueueStream("chat/stream.sse");
    model = telemetry.wrap(server.model().build());

    try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Capital of France?"))) {
      stream.forEach(chunk -> { });
    }

    assertFalse(otel.onlySpan().getAttributes().asMap().containsKey(STREAM_CANCELLED));
    assertEquals(List.of("stop"), otel.onlySpan().getAttributes().get(RESPONSE_FINISH_REASONS));
  }

  @Test
  void aCloseFromAnotherThreadEndsABlockedReadAsCancelled() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.server.enqueue(stallingAfterParis(release));
    model = telemetry.wrap(server.model().build());
    try {
      CompletionStream stream = model.chatStreaming(ChatRequest.of("Capital of France?"));
      Iterator<Chunk> chunks = stream.iterator();
      chunks.next();
      CountDownLatch reading = new CountDownLatch(1);
      CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(() -> {
        reading.countDown();
        return chunks.hasNext(); // blocks: the server is silent
      });
      assertTrue(reading.await(10, TimeUnit.SECONDS));

      stream.close();

      assertFalse(reader.get(10, TimeUnit.SECONDS), "closing ends the blocked read quietly");
      assertEquals(true, otel.onlySpan().getAttributes().get(STREAM_CANCELLED));
      assertEquals(StatusCode.UNSET, otel.onlySpan().getStatus().getStatusCode());
    } finally {
      release.countDown();
    }
  }
}
