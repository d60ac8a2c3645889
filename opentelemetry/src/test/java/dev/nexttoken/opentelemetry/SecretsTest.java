package dev.nexttoken.opentelemetry;

import static dev.nexttoken.opentelemetry.OpenAiServer.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Authentication;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.openai.OpenAiModel;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planted key is absent from every span (name, attributes, status, events, the recorded
 * exceptions with their stack traces), every metric point and every request-log line, with
 * content capture on, the attempt listener on, the log at trace, and servers that echo the key
 * back in errors, bodies, stream events and headers. Each case runs with the key as a bearer
 * token and in a header whose name says nothing.
 */
class SecretsTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final OpenAiServer server = new OpenAiServer();
  private final NextTokenTelemetry telemetry = NextTokenTelemetry.builder(otel.sdk).captureMessageContent(true).build();
  private final List<String> logLines = new ArrayList<>();
  private final Logger httpLog = Logger.getLogger("dev.nexttoken.http");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (logLines) {
        logLines.add(record.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private LanguageModel model;

  @BeforeEach
  void logEverything() {
    capture.setLevel(Level.ALL);
    httpLog.setLevel(Level.FINEST);
    httpLog.addHandler(capture);
  }

  @AfterEach
  void stop() {
    httpLog.removeHandler(capture);
    httpLog.setLevel(null);
    if (model != null) {
      model.close();
    }
    server.close();
    otel.close();
  }

  static Stream<Arguments> cases() {
    List<Arguments> echoes = List.of(
        Arguments.of("401 echoing the key", OpenAiServer.error(401, "invalid_request_error", "invalid_api_key",
            "Incorrect API key provided: " + KEY), false),
        Arguments.of("429 echoing the key in a header", OpenAiServer.error(429, "requests", "rate_limit_exceeded", "slow down")
            .newBuilder().setHeader("X-Debug-Echo", "Bearer " + KEY).build(), false),
        Arguments.of("malformed body quoting the key", OpenAiServer.json(200, "{\"id\": " + KEY + "}"), false),
        Arguments.of("a stream's error event echoing the key", new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
            .body("data: {\"error\":{\"message\":\"bad key " + KEY + "\",\"type\":\"invalid_request_error\"}}\n\n").build(), true),
        Arguments.of("a 401 on a stream echoing the key", OpenAiServer.error(401, "invalid_request_error", null, "bad key " + KEY), true));
    List<Arguments> schemes = List.of(
        Arguments.of("bearer", (UnaryOperator<OpenAiModel.Builder>) b -> b.apiKey(KEY)),
        Arguments.of("plain-named header", (UnaryOperator<OpenAiModel.Builder>) b -> b.authentication(Authentication.header("X-Client", KEY))));
    return schemes.stream().flatMap(s -> echoes.stream().map(e -> Arguments.of(s.get()[0], e.get()[0], s.get()[1], e.get()[1], e.get()[2])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void theKeyIsInNoSpanEventMetricOrLogLine(String scheme, String name, UnaryOperator<OpenAiModel.Builder> auth, MockResponse response,
      boolean streamed) {
    // Retried first, so attempt events and the log see the key's request twice.
    server.server.enqueue(OpenAiServer.error(503, "server_error", null, "busy " + KEY));
    server.server.enqueue(response);
    model = telemetry.wrap(auth.apply(server.model()).retry(OpenAiServer.FAST_RETRIES.withMaxRetries(1))
        .requestListener(telemetry.requestListener()).build());
    ChatRequest request = ChatRequest.of("Capital of France?");

    assertThrows(NextTokenException.class, () -> {
      if (streamed) {
        try (CompletionStream stream = model.chatStreaming(request)) {
          stream.collect();
        }
      } else {
        model.chat(request);
      }
    });

    String telemetryText = everything();
    assertTrue(telemetryText.contains("nexttoken.http.attempt") && telemetryText.contains("exception.stacktrace"),
        "the scan sees events and exceptions: " + telemetryText);
    assertKeyAbsent("telemetry", telemetryText);
    synchronized (logLines) {
      assertEquals(false, logLines.isEmpty(), "the log was on");
      for (String line : logLines) {
        assertKeyAbsent("log", line);
      }
    }
  }

  /** Every span and metric as text: names, attributes, status, events with their attributes, resources. */
  private String everything() {
    StringBuilder out = new StringBuilder();
    for (SpanData span : otel.spans.getFinishedSpanItems()) {
      out.append(span.getName()).append('\n').append(span.getAttributes()).append('\n').append(span.getStatus()).append('\n')
          .append(span.getResource()).append('\n');
      for (EventData event : span.getEvents()) {
        out.append(event.getName()).append(' ').append(event.getAttributes()).append('\n');
      }
    }
    for (MetricData metric : otel.metrics.collectAllMetrics()) {
      out.append(metric).append('\n');
    }
    return out.toString();
  }

  private static void assertKeyAbsent(String where, String text) {
    assertFalse(text.contains(KEY), () -> where + " shows the key: " + text);
    assertFalse(text.contains(KEY.substring(3, 18)), () -> where + " shows part of the key: " + text);
  }
}
