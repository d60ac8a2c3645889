package dev.nexttoken.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.openai.OpenAiModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits, Retry-After, rate-limit headers, the retry budget, pausing and the spend limit,
 * against MockWebServer speaking OpenAI's chat wire. The server records when each request arrived.
 */
class PaceAndBudgetTest {
  static final String ANSWER = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
      + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\",\"logprobs\":null}],"
      + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";

  @TempDir Path dir;
  private final List<MockWebServer> servers = new ArrayList<>();
  private final List<OpenAiModel> models = new ArrayList<>();

  /** A server answering request {@code n} (0-based) with {@code answer.apply(n)}, and the arrival times it saw. */
  private record Recorded(MockWebServer server, List<Long> arrivals) {}

  private Recorded server(IntFunction<MockResponse> answer) throws IOException {
    MockWebServer server = new MockWebServer();
    List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger count = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        arrivals.add(System.nanoTime());
        return answer.apply(count.getAndIncrement());
      }
    });
    server.start();
    servers.add(server);
    return new Recorded(server, arrivals);
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(ANSWER).build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}").build();
  }

  private Target target(String name, Recorded recorded, TargetLimits limits) {
    // No retries inside the client: the evaluation retries, within its budget.
    OpenAiModel model = OpenAiModel.builder().baseUrl(recorded.server().url("/v1").toString()).model("m").maxRetries(0).build();
    models.add(model);
    return new Target(name, "openai", "m", model, limits);
  }

  private static List<EvalItem> chatItems(int n) {
    List<EvalItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new EvalItem(Integer.toString(i), i + 1, EvalItem.Kind.GENERATE, null, List.of(dev.nexttoken.Message.user("hello " + i)),
          1, 0.0, null, null, null, null));
    }
    return items;
  }

  private EvalOutcome run(List<EvalItem> items, Target... targets) {
    Evaluation.Builder b = Evaluation.builder().items(items).out(dir.resolve("out"));
    for (Target t : targets) {
      b.target(t);
    }
    return b.build().run();
  }

  private List<JsonNode> rows() throws IOException {
    return KnownAnswerEvaluationTest.rows(dir.resolve("out/results.jsonl"));
  }

  @AfterEach
  void close() throws IOException {
    models.forEach(OpenAiModel::close);
    for (MockWebServer s : servers) {
      s.close();
    }
  }

  /** The most arrivals in any one-second window. */
  private static int busiestSecond(List<Long> arrivals) {
    List<Long> sorted = new ArrayList<>(arrivals);
    Collections.sort(sorted);
    int most = 0;
    for (int i = 0; i < sorted.size(); i++) {
      int j = i;
      while (j < sorted.size() && sorted.get(j) - sorted.get(i) < 1_000_000_000L) {
        j++;
      }
      most = Math.max(most, j - i);
    }
    return most;
  }

  @Test
  void requestsPerSecondHoldWhateverTheConcurrency() throws IOException {
    Recorded server = server(n -> ok());
    EvalOutcome outcome = run(chatItems(16), target("t", server, TargetLimits.DEFAULT.withConcurrency(8).withRates(5, 0)));

    assertEquals(EvalOutcome.Status.COMPLETE, outcome.status());
    assertEquals(16, server.arrivals().size());
    // Starts are 200 ms apart; one more is allowed for the first request's connection setup delaying it.
    int busiest = busiestSecond(server.arrivals());
    assertTrue(busiest <= 6, "at most 5 requests a second (+1 for connection jitter), saw " + busiest);
  }

  @Test
  void aStormOf503sCostsAtMostTheBudgetNotMaxRetriesTimesTheRequests() throws IOException {
    Recorded server = server(n -> status(503));
    int items = 40;
    TargetLimits limits = TargetLimits.DEFAULT.withConcurrency(4).withRetries(3, 0.1, 5, Duration.ofMillis(1)).withFailuresBeforePause(0);
    EvalOutcome outcome = run(chatItems(items), target("t", server, limits));

    int requests = server.arrivals().size();
    // Unbudgeted, 40 items × (1 + 3 retries) = 160 requests. Budgeted: 40 + the reserve of 5 + 0.1 per call.
    assertTrue(requests <= items + 5 + items / 10, "requests " + requests);
    assertTrue(requests >= items + 5, "the reserve is spent first: requests " + requests);
    assertEquals(EvalOutcome.Status.COMPLETE, outcome.status(), "every row is written, with its error");
    List<JsonNode> rows = rows();
    assertEquals(items, rows.size());
    int attempts = 0;
    for (JsonNode row : rows) {
      assertEquals("ServerException", row.get("error").get("type").asText());
      assertEquals(503, row.get("error").get("status").asInt());
      attempts += row.get("attempts").asInt();
    }
    assertEquals(requests, attempts, "each row counts the attempts it made");
  }

  @Test
  void retryAfterPausesTheTargetBeforeTheRetry() throws IOException {
    Recorded server = server(n -> n == 0
        ? new MockResponse.Builder().code(429).addHeader("Retry-After", "1").addHeader("Content-Type", "application/json")
            .body("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}").build()
        : ok());
    run(chatItems(2), target("t", server, TargetLimits.DEFAULT.withConcurrency(1)));

    List<Long> at = server.arrivals();
    assertEquals(3, at.size(), "429, its retry, the second item");
    assertTrue(at.get(1) - at.get(0) >= 900_000_000L, "the retry waited the second asked for: " + (at.get(1) - at.get(0)) / 1_000_000 + " ms");
    assertEquals(2, rows().stream().filter(r -> r.get("error").isNull()).count());
  }

  @Test
  void anExhaustedRateLimitHeaderHoldsTheNextRequestUntilTheReset() throws IOException {
    Recorded server = server(n -> n == 0
        ? new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .addHeader("x-ratelimit-remaining-requests", "0").addHeader("x-ratelimit-reset-requests", "1s").body(ANSWER).build()
        : ok());
    run(chatItems(2), target("t", server, TargetLimits.DEFAULT.withConcurrency(1)));

    List<Long> at = server.arrivals();
    assertTrue(at.get(1) - at.get(0) >= 900_000_000L, "waited for the reset: " + (at.get(1) - at.get(0)) / 1_000_000 + " ms");
  }

  @Test
  void aTargetThatKeepsFailingIsPausedAndTheOthersGoOn() throws IOException {
    Recorded failing = server(n -> status(500));
    Recorded healthy = server(n -> ok());
    int items = 20;
    TargetLimits limits = TargetLimits.DEFAULT.withConcurrency(1).withRetries(0, 0.1, 0, Duration.ZERO).withFailuresBeforePause(3);
    EvalOutcome outcome = run(chatItems(items), target("bad", failing, limits), target("good", healthy, limits));

    assertEquals(EvalOutcome.Status.COMPLETE, outcome.status());
    assertEquals(3, failing.arrivals().size(), "nothing more is sent once paused");
    assertEquals(items, healthy.arrivals().size());
    List<JsonNode> rows = rows();
    assertEquals(2 * items, rows.size());
    long paused = rows.stream().filter(r -> r.get("target").asText().equals("bad") && r.get("error").get("type").asText().equals("TargetPausedException")).count();
    assertEquals(items - 3, paused);
    assertTrue(rows.stream().filter(r -> r.get("target").asText().equals("bad")).allMatch(r -> r.get("error").get("message").asText().contains("overloaded")),
        "every row of the paused target names the failure");
    assertTrue(rows.stream().filter(r -> r.get("target").asText().equals("good")).allMatch(r -> r.get("error").isNull()));
  }

  @Test
  void theSpendLimitStopsCleanlyAndResumeWithAHigherOneFinishes() throws IOException {
    Path prices = Files.writeString(dir.resolve("prices.json"),
        "{\"asOf\": \"2026-11-01\", \"prices\": [{\"provider\": \"openai\", \"model\": \"m\", \"input\": 1000, \"output\": 1000}]}");
    Recorded server = server(n -> ok());
    Target target = target("t", server, TargetLimits.DEFAULT.withConcurrency(1));
    // Each answer: 5 tokens in, 1 out, at $1,000 per million: $0.006.
    EvalOutcome stopped = Evaluation.builder().items(chatItems(10)).target(target).out(dir.resolve("out")).maxCost(0.02)
        .prices(PriceTable.withOverrides(prices)).build().run();

    assertEquals(EvalOutcome.Status.MAX_COST, stopped.status());
    assertEquals(4, stopped.written(), "the fourth row passes $0.02; no fifth starts");
    assertEquals(0.024, stopped.spend(), 1e-9);
    JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
    assertEquals("max_cost", summary.get("status").asText());
    assertEquals("2026-11-01", summary.get("targets").get(0).get("cost").get("price").get("asOf").asText());

    EvalOutcome resumed = Evaluation.builder().items(chatItems(10)).target(target).out(dir.resolve("out")).resume(true).maxCost(1.0)
        .prices(PriceTable.withOverrides(prices)).build().run();
    assertEquals(EvalOutcome.Status.COMPLETE, resumed.status());
    assertEquals(6, resumed.written());
    assertEquals(4, resumed.resumed());
    assertEquals(0.06, resumed.spend(), 1e-9);
  }

  @Test
  void noOutputCarriesTheApiKeyEvenWhenTheProviderEchoesIt() throws IOException {
    String key = "sk-test-secret-4242";
    Recorded server = server(n -> new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\",\"type\":\"invalid_request_error\"}}").build());
    OpenAiModel model = OpenAiModel.builder().baseUrl(server.server().url("/v1").toString()).apiKey(key).model("m").maxRetries(0)
        .allowInsecureHttp(true).build();
    models.add(model);
    run(chatItems(3), new Target("t", "openai", "m", model, TargetLimits.DEFAULT));

    for (String file : List.of("results.jsonl", "summary.json", "report.html")) {
      String text = Files.readString(dir.resolve("out").resolve(file));
      assertTrue(!text.contains(key), file + " carries the key");
    }
    assertEquals("AuthenticationException", rows().get(0).get("error").get("type").asText());
  }
}
