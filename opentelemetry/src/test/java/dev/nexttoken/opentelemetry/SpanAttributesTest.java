package dev.nexttoken.opentelemetry;

import static dev.nexttoken.opentelemetry.GenAiAttributes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.SequenceStats;
import dev.nexttoken.logprob.TokenLogprob;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation style makes one CLIENT span named {@code {operation} {model}}, whose attributes
 * are the request's settings and the answer's own fields, unchanged.
 */
class SpanAttributesTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final OpenAiServer server = new OpenAiServer();
  private final NextTokenTelemetry telemetry = NextTokenTelemetry.create(otel.sdk);
  private final List<LanguageModel> models = new ArrayList<>();

  @AfterEach
  void stop() {
    models.forEach(LanguageModel::close);
    server.close();
    otel.close();
  }

  private LanguageModel model() {
    LanguageModel model = telemetry.wrap(server.model().requestListener(telemetry.requestListener()).build());
    models.add(model);
    return model;
  }

  private static ChatRequest chatRequest() {
    return ChatRequest.builder().user("Capital of France?").maxTokens(5).temperature(0.5).topP(0.9).seed(7L).stop(List.of("\n"))
        .topLogprobs(2).build();
  }

  @Test
  void aBlockingChatIsOneClientSpanWithTheRequestAndTheAnswer() {
    server.enqueueJson("chat/answer.json");

    Completion answer = model().chat(chatRequest());

    SpanData span = otel.onlySpan();
    assertEquals("chat gpt-4o-mini", span.getName());
    assertEquals(SpanKind.CLIENT, span.getKind());
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    Attributes a = span.getAttributes();
    assertEquals("chat", a.get(OPERATION_NAME));
    assertEquals("openai", a.get(PROVIDER_NAME));
    assertEquals("gpt-4o-mini", a.get(REQUEST_MODEL));
    assertEquals(server.server.getHostName(), a.get(SERVER_ADDRESS));
    assertEquals(server.server.getPort(), a.get(SERVER_PORT).intValue());
    assertEquals(5L, a.get(REQUEST_MAX_TOKENS));
    assertEquals(0.5, a.get(REQUEST_TEMPERATURE));
    assertEquals(0.9, a.get(REQUEST_TOP_P));
    assertEquals(7L, a.get(REQUEST_SEED));
    assertEquals(List.of("\n"), a.get(REQUEST_STOP_SEQUENCES));
    assertEquals(2L, a.get(REQUEST_TOP_LOGPROBS));
    assertNull(a.get(REQUEST_STREAM), "not a stream");
    assertAnswer(answer, a);
    assertEquals(1L, a.get(ATTEMPTS));
    assertNull(a.get(INPUT_MESSAGES), "content is opt-in");
    assertNull(a.get(OUTPUT_MESSAGES), "content is opt-in");
  }

  /** The answer's own fields, unchanged; the logprob summary agrees with the SDK's own statistics. */
  private static void assertAnswer(Completion answer, Attributes a) {
    assertEquals(answer.model(), a.get(RESPONSE_MODEL));
    assertEquals(answer.metadata().responseId(), a.get(RESPONSE_ID));
    assertEquals(List.of(answer.finishReason().kind().wireName()), a.get(RESPONSE_FINISH_REASONS));
    assertEquals(answer.usage().promptTokens().longValue(), a.get(USAGE_INPUT_TOKENS));
    assertEquals(answer.usage().completionTokens().longValue(), a.get(USAGE_OUTPUT_TOKENS));
    if (answer.usage().cachedTokens() != null) {
      assertEquals(answer.usage().cachedTokens().longValue(), a.get(USAGE_CACHE_READ_INPUT_TOKENS));
    }
    assertLogprobSummary(answer.logprobs(), a);
  }

  private static void assertLogprobSummary(List<TokenLogprob> tokens, Attributes a) {
    SequenceStats stats = ProbabilityTable.of(tokens).stats();
    double least = tokens.stream().filter(t -> t.logprob() != null).mapToDouble(TokenLogprob::logprob).min().orElseThrow();
    assertEquals(stats.knownLogprobs(), a.get(LOGPROB_TOKENS).intValue());
    assertEquals(stats.meanLogprob(), a.get(LOGPROB_MEAN), 1e-12);
    assertEquals(stats.perplexity(), a.get(PERPLEXITY), 1e-12);
    assertEquals(Math.exp(least), a.get(LOGPROB_MIN_PROBABILITY), 1e-12);
  }

  @Test
  void theFixtureGivesTheNumbersTheDocsQuote() {
    server.enqueueJson("chat/answer.json");

    model().chat(chatRequest());

    Attributes a = otel.onlySpan().getAttributes();
    assertEquals("chatcmpl-otel-1", a.get(RESPONSE_ID));
    assertEquals("gpt-4o-mini-2024-07-18", a.get(RESPONSE_MODEL));
    assertEquals(20L, a.get(USAGE_INPUT_TOKENS));
    assertEquals(2L, a.get(USAGE_OUTPUT_TOKENS));
    assertEquals(8L, a.get(USAGE_CACHE_READ_INPUT_TOKENS));
    assertEquals(0L, a.get(USAGE_REASONING_OUTPUT_TOKENS));
    assertEquals((-0.0009 - 0.8) / 2, a.get(LOGPROB_MEAN), 1e-12);
    assertEquals(Math.exp(-0.8), a.get(LOGPROB_MIN_PROBABILITY), 1e-12);
  }

  @Test
  void aStreamedChatEndsItsSpanAtTheLastChunkWithTheCollectedAnswer() {
    server.enqueueStream("chat/stream.sse");
    Completion answer;
    try (CompletionStream stream = model().chatStreaming(chatRequest())) {
      StringBuilder text = new StringBuilder();
      for (Chunk chunk : stream) {
        assertTrue(otel.spans.getFinishedSpanItems().isEmpty(), "the span is open while chunks arrive");
        text.append(chunk.textDelta());
      }
      answer = stream.collect();
      assertEquals("Paris is", text.toString());
    }

    Attributes a = otel.onlySpan().getAttributes();
    assertEquals(true, a.get(REQUEST_STREAM));
    assertAnswer(answer, a);
    Double ttfc = a.get(RESPONSE_TIME_TO_FIRST_CHUNK);
    assertTrue(ttfc != null && ttfc >= 0 && ttfc * 1e9 <= otel.onlySpan().getEndEpochNanos() - otel.onlySpan().getStartEpochNanos(),
        "time to first chunk within the span: " + ttfc);
    assertNull(a.get(STREAM_CANCELLED));
  }

  @Test
  void collectAloneAlsoEndsTheSpanAndTimesTheFirstChunk() {
    server.enqueueStream("chat/stream.sse");
    Completion answer;
    try (CompletionStream stream = model().chatStreaming(chatRequest())) {
      answer = stream.collect();
      assertEquals(answer, stream.collect(), "collect() twice gives the one answer");
    }

    Attributes a = otel.onlySpan().getAttributes();
    assertAnswer(answer, a);
    assertTrue(a.get(RESPONSE_TIME_TO_FIRST_CHUNK) != null);
  }

  @Test
  @SuppressWarnings("try")
  void anAsyncChatIsAChildOfTheCallersSpanAndCarriesItsAttempts() throws Exception {
    server.enqueueJson("chat/answer.json");
    Span parent = otel.sdk.getTracer("test").spanBuilder("request handler").startSpan();
    Completion answer;
    try (Scope ignored = parent.makeCurrent()) {
      answer = model().chatAsync(chatRequest()).get(5, TimeUnit.SECONDS);
    } finally {
      parent.end();
    }

    SpanData chat = otel.spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("chat")).findFirst().orElseThrow();
    assertEquals(parent.getSpanContext().getSpanId(), chat.getParentSpanId());
    assertEquals(parent.getSpanContext().getTraceId(), chat.getTraceId());
    assertAnswer(answer, chat.getAttributes());
    assertEquals(1, chat.getEvents().stream().filter(e -> e.getName().equals(ATTEMPT_EVENT)).count(), "the attempt ran on the executor, under the span");
  }

  @Test
  void aStreamedAsyncCompletionIsAStreamSpan() throws Exception {
    server.enqueueStream("completions/stream.sse");
    List<String> deltas = new ArrayList<>();

    Completion answer = model().completeStreamingAsync(CompletionRequest.builder("The capital of France is").model("gpt-3.5-turbo-instruct")
        .maxTokens(2).topLogprobs(2).build(), chunk -> deltas.add(chunk.textDelta())).get(5, TimeUnit.SECONDS);

    SpanData span = otel.onlySpan();
    assertEquals("text_completion gpt-3.5-turbo-instruct", span.getName());
    Attributes a = span.getAttributes();
    assertEquals("text_completion", a.get(OPERATION_NAME));
    assertEquals(true, a.get(REQUEST_STREAM));
    assertEquals(" Paris.", String.join("", deltas));
    assertAnswer(answer, a);
    assertTrue(a.get(RESPONSE_TIME_TO_FIRST_CHUNK) != null);
  }

  @Test
  void aBlockingCompletionAndItsAsyncTwin() throws Exception {
    CompletionRequest request = CompletionRequest.builder("The capital of France is").model("gpt-3.5-turbo-instruct").maxTokens(2).topLogprobs(2).build();
    server.enqueueJson("completions/answer.json");
    server.enqueueJson("completions/answer.json");
    LanguageModel model = model();

    Completion blocking = model.complete(request);
    Completion async = model.completeAsync(request).get(5, TimeUnit.SECONDS);

    List<SpanData> spans = otel.spans.getFinishedSpanItems();
    assertEquals(2, spans.size());
    assertAnswer(blocking, spans.get(0).getAttributes());
    assertAnswer(async, spans.get(1).getAttributes());
    assertEquals(List.of("length"), spans.get(0).getAttributes().get(RESPONSE_FINISH_REASONS));
  }

  @Test
  void everyChoiceHasItsFinishReason() {
    server.enqueueJson("chat/two-choices.json");

    Completion answer = model().chat(ChatRequest.builder().user("Capital of France?").choices(2).build());

    Attributes a = otel.onlySpan().getAttributes();
    assertEquals(List.of("stop", "length"), a.get(RESPONSE_FINISH_REASONS));
    assertEquals(2L, a.get(REQUEST_CHOICE_COUNT));
    assertEquals(2, answer.choices().size());
  }

  @Test
  void scoringIsAScoreSpanWithTheScoredTextsStatistics() {
    server.enqueueJson("completions/score.json");

    ScoredText scored = model().score(ScoreRequest.of("The capital of France is", " Paris").withModel("davinci-002").withTopLogprobs(2));

    SpanData span = otel.onlySpan();
    assertEquals("score davinci-002", span.getName());
    Attributes a = span.getAttributes();
    assertEquals("score", a.get(OPERATION_NAME));
    assertEquals(2L, a.get(REQUEST_TOP_LOGPROBS));
    assertEquals(scored.model(), a.get(RESPONSE_MODEL));
    assertEquals(scored.usage().promptTokens().longValue(), a.get(USAGE_INPUT_TOKENS));
    assertEquals(scored.meanLogprob(), a.get(LOGPROB_MEAN), 1e-12);
    assertEquals(scored.perplexity(), a.get(PERPLEXITY), 1e-12);
    assertLogprobSummary(scored.tokens(), a);
  }

  @Test
  void withoutAnSdkCallsPassThroughUntouched() {
    server.enqueueStream("chat/stream.sse");
    LanguageModel model = NextTokenTelemetry.create(io.opentelemetry.api.OpenTelemetry.noop()).wrap(server.model().build());
    models.add(model);

    try (CompletionStream stream = model.chatStreaming(chatRequest())) {
      assertEquals("Paris is", stream.collect().text());
    }
    assertTrue(otel.spans.getFinishedSpanItems().isEmpty());
  }

  @Test
  void theClientsDefaultModelAndOptionsAreWhatTheSpanShows() throws InterruptedException {
    server.enqueueJson("chat/answer.json");
    LanguageModel model = telemetry.wrap(server.model().model("gpt-4o-mini-default")
        .defaults(dev.nexttoken.GenerationOptions.builder().model("gpt-4o-mini-default").maxTokens(9).build()).build());
    models.add(model);

    model.chat("Capital of France?");

    RecordedRequest sent = server.server.takeRequest();
    assertTrue(sent.getBody().utf8().contains("\"gpt-4o-mini-default\""));
    Attributes a = otel.onlySpan().getAttributes();
    assertEquals("gpt-4o-mini-default", a.get(REQUEST_MODEL));
    assertEquals(9L, a.get(REQUEST_MAX_TOKENS));
    assertFalse(a.asMap().containsKey(REQUEST_TEMPERATURE), "an unset option is left out");
  }
}
