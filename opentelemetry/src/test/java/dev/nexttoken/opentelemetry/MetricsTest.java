package dev.nexttoken.opentelemetry;

import static dev.nexttoken.opentelemetry.GenAiAttributes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.error.RateLimitException;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The GenAI client metrics: the conventions' names, units and bucket boundaries, the attributes
 * each point carries, token counts equal to the answer's usage, time to first chunk for streams only.
 */
class MetricsTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final OpenAiServer server = new OpenAiServer();
  private final LanguageModel model = NextTokenTelemetry.create(otel.sdk).wrap(server.model().build());

  @AfterEach
  void stop() {
    model.close();
    server.close();
    otel.close();
  }

  @Test
  void aCallIsOneDurationPointAndTwoTokenPoints() {
    server.enqueueJson("chat/answer.json");

    Completion answer = model.chat(ChatRequest.of("Capital of France?"));

    HistogramPointData duration = single(otel.histogram(DURATION_METRIC));
    assertEquals(1, duration.getCount());
    assertEquals(ClientMetrics.DURATION_BUCKETS, duration.getBoundaries());
    assertEquals(expectedPoint(answer), duration.getAttributes());
    double spanSeconds = (otel.onlySpan().getEndEpochNanos() - otel.onlySpan().getStartEpochNanos()) / 1e9;
    assertTrue(duration.getSum() > 0 && duration.getSum() <= spanSeconds + 0.01, duration.getSum() + " vs the span's " + spanSeconds);

    List<HistogramPointData> tokens = otel.histogram(TOKEN_USAGE_METRIC);
    assertEquals(2, tokens.size());
    HistogramPointData input = TestTelemetry.point(tokens, TOKEN_TYPE, "input");
    HistogramPointData output = TestTelemetry.point(tokens, TOKEN_TYPE, "output");
    assertEquals(answer.usage().promptTokens().doubleValue(), input.getSum());
    assertEquals(answer.usage().completionTokens().doubleValue(), output.getSum());
    assertEquals(ClientMetrics.TOKEN_BUCKETS.stream().map(Long::doubleValue).toList(), input.getBoundaries());
    assertEquals(expectedPoint(answer).toBuilder().put(TOKEN_TYPE, "input").build(), input.getAttributes());

    assertEquals(List.of(), otel.histogram(TIME_TO_FIRST_CHUNK_METRIC), "a blocking call has no first chunk");
  }

  private Attributes expectedPoint(Completion answer) {
    return Attributes.builder()
        .put(OPERATION_NAME, "chat")
        .put(PROVIDER_NAME, "openai")
        .put(REQUEST_MODEL, OpenAiServer.CHAT_MODEL)
        .put(SERVER_ADDRESS, server.server.getHostName())
        .put(SERVER_PORT, (long) server.server.getPort())
        .put(RESPONSE_MODEL, answer.model())
        .build();
  }

  @Test
  void aStreamHasItsTimeToFirstChunk() {
    server.enqueueStream("chat/stream.sse");

    try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Capital of France?"))) {
      stream.collect();
    }

    HistogramPointData ttfc = single(otel.histogram(TIME_TO_FIRST_CHUNK_METRIC));
    assertEquals(1, ttfc.getCount());
    assertEquals(ClientMetrics.DURATION_BUCKETS, ttfc.getBoundaries());
    assertEquals(otel.onlySpan().getAttributes().get(RESPONSE_TIME_TO_FIRST_CHUNK), ttfc.getSum(), 1e-9);
    assertTrue(ttfc.getSum() <= single(otel.histogram(DURATION_METRIC)).getSum());
  }

  @Test
  void aFailureIsADurationPointWithItsErrorTypeAndNoTokens() {
    server.server.enqueue(OpenAiServer.error(429, "requests", "rate_limit_exceeded", "slow down"));

    assertThrows(RateLimitException.class, () -> model.chat(ChatRequest.of("Capital of France?")));

    HistogramPointData duration = single(otel.histogram(DURATION_METRIC));
    assertEquals(RateLimitException.class.getName(), duration.getAttributes().get(ERROR_TYPE));
    assertEquals(List.of(), otel.histogram(TOKEN_USAGE_METRIC));
  }

  private static HistogramPointData single(List<HistogramPointData> points) {
    assertEquals(1, points.size(), () -> "points: " + points);
    return points.get(0);
  }
}
