package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --provider openai} against MockWebServer with OpenAI's documented responses: the JSON output's values. */
class OpenAiFixtureCommandsTest {
  static final String KEY = "sk-cli-test-SECRET";

  private final MockWebServer server = new MockWebServer();
  private final Cli cli = new Cli().env("OPENAI_API_KEY", KEY);
  private String v1;

  @BeforeEach
  void start() throws Exception {
    server.start();
    v1 = server.url("/v1").toString();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Cli.Result run(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(new String[] {"--provider", "openai", "--base-url", v1}, 0, all, 0, 4);
    System.arraycopy(args, 0, all, 4, args.length);
    return cli.run(all);
  }

  /** Item 8: an answer with {@code "logprobs": null} has no logprobs, streamed or not: JSON says null, no format fails. */
  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void logprobsNullPrintsTokensNullAndEveryFormatCopes(boolean stream, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    for (String format : List.of("json", "table", "text", "csv", "markdown", "html")) {
      server.enqueue(stream ? Fixtures.sse(Fixtures.read("openai", "chat", "stream-no-logprobs.sse"))
          : Fixtures.json(200, Fixtures.read("openai", "chat", "no-logprobs.json")));
      List<String> args = new java.util.ArrayList<>(List.of("chat", "Capital of France?", "--top-logprobs", "2", "--format", format,
          "--out", dir.resolve("report.html").toString()));
      if (stream) {
        args.add("--stream");
      }

      Cli.Result result = run(args.toArray(String[]::new));

      assertEquals(0, result.code(), () -> format + ": " + result);
      if (format.equals("json")) {
        assertTrue(result.json().get("tokens").isNull(), result::toString);
        assertEquals("Paris", result.json().get("text").asText());
      }
    }
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void chatReportsTheTokensAndTheirCandidates(boolean stream) throws Exception {
    server.enqueue(stream ? Fixtures.sse(Fixtures.read("openai", "chat", "stream.sse"))
        : Fixtures.json(200, Fixtures.read("openai", "chat", "logprobs.json")));

    Cli.Result result = stream ? run("chat", "Capital of France?", "--top-logprobs", "2", "--format", "json", "--stream")
        : run("chat", "Capital of France?", "--top-logprobs", "2", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    JsonNode json = result.json();
    assertEquals("openai", json.get("provider").asText());
    assertEquals("Paris", json.get("text").asText());
    assertEquals("stop", json.get("finishReason").asText());
    assertEquals("stop", json.get("finishReasonRaw").asText());
    assertEquals(20, json.get("usage").get("promptTokens").asInt());
    assertEquals(1, json.get("usage").get("completionTokens").asInt());
    assertEquals(21, json.get("usage").get("totalTokens").asInt());
    JsonNode token = json.get("tokens").get(0);
    assertEquals(1, json.get("tokens").size());
    assertEquals("Paris", token.get("token").asText());
    assertEquals(List.of(80, 97, 114, 105, 115), KnownAnswerJson.bytes(token.get("bytes")));
    assertTrue(token.get("id").isNull(), "OpenAI reports no token ids");
    assertEquals(-0.0009, token.get("logprob").asDouble());
    assertEquals(Math.exp(-0.0009), token.get("prob").asDouble(), 1e-15);
    assertEquals(1, token.get("rank").asInt());
    JsonNode top = token.get("top");
    assertEquals("Paris", top.get(0).get("token").asText());
    if (stream) {
      // The streamed fixture lists one alternative.
      assertEquals(1, top.size());
      assertEquals(1 - Math.exp(-0.0009), token.get("unseenMass").asDouble(), 1e-12);
    } else {
      assertEquals(2, top.size());
      assertEquals("PAR", top.get(1).get("token").asText());
      assertEquals(List.of(80, 65, 82), KnownAnswerJson.bytes(top.get(1).get("bytes")));
      assertEquals(-7.5, top.get(1).get("logprob").asDouble());
      assertEquals(Math.exp(-7.5), top.get(1).get("prob").asDouble(), 1e-15);
      assertEquals(1 - Math.exp(-0.0009) - Math.exp(-7.5), token.get("unseenMass").asDouble(), 1e-12);
    }

    RecordedRequest request = server.takeRequest();
    assertEquals("/v1/chat/completions", request.getUrl().encodedPath());
    assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
    JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
    assertTrue(body.get("logprobs").asBoolean());
    assertEquals(2, body.get("top_logprobs").asInt());
    assertEquals("Capital of France?", body.get("messages").get(0).get("content").asText());
  }

  @Test
  void legacyCompletionReportsItsTokens() throws Exception {
    server.enqueue(Fixtures.json(200, Fixtures.read("openai", "completions", "logprobs.json")));

    Cli.Result result = run("complete", "The capital of France is", "--top-logprobs", "2", "--max-tokens", "2", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    JsonNode json = result.json();
    assertEquals(" Paris.", json.get("text").asText());
    assertEquals("gpt-3.5-turbo-instruct", json.get("model").asText());
    assertEquals("length", json.get("finishReason").asText());
    JsonNode tokens = json.get("tokens");
    assertEquals(2, tokens.size());
    assertEquals(" Paris", tokens.get(0).get("token").asText());
    assertEquals(-0.02, tokens.get(0).get("logprob").asDouble());
    assertEquals(1, tokens.get(0).get("rank").asInt());
    assertEquals(" the", tokens.get(0).get("top").get(1).get("token").asText());
    assertEquals(Math.exp(-4.1), tokens.get(0).get("top").get(1).get("prob").asDouble(), 1e-15);
    assertEquals(".", tokens.get(1).get("token").asText());
    assertEquals(",", tokens.get(1).get("top").get(1).get("token").asText());
    assertEquals(Math.exp(-1.3), tokens.get(1).get("top").get(1).get("prob").asDouble(), 1e-15);
    assertEquals("/v1/completions", server.takeRequest().getUrl().encodedPath());
  }

  @Test
  void theMinus9999SentinelIsWrittenAsNullLogprobAndZeroProbability() {
    server.enqueue(Fixtures.json(200, Fixtures.read("openai", "chat", "sentinel.json")));

    Cli.Result result = run("chat", "Oui?", "--top-logprobs", "3", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    JsonNode oui = result.json().get("tokens").get(0);
    assertEquals("Oui", oui.get("token").asText());
    assertTrue(oui.get("logprob").isNull(), oui::toString);
    assertEquals(0.0, oui.get("prob").asDouble());
    assertTrue(oui.get("prob").isNumber());
    assertTrue(oui.get("rank").isNull(), "not among the listed candidates");
    JsonNode maybe = oui.get("top").get(2);
    assertEquals("Maybe", maybe.get("token").asText());
    assertTrue(maybe.get("logprob").isNull());
    assertEquals(0.0, maybe.get("prob").asDouble());
    assertEquals("Yes", oui.get("top").get(0).get("token").asText());
    assertEquals(Math.exp(-0.01), oui.get("top").get(0).get("prob").asDouble(), 1e-15);
  }

  @Test
  void tableFormatAsksForFiveAlternativesByDefault() throws Exception {
    server.enqueue(Fixtures.json(200, Fixtures.read("openai", "chat", "logprobs.json")));

    Cli.Result result = run("chat", "Capital of France?");

    assertEquals(0, result.code(), result::toString);
    assertTrue(result.out().startsWith("Paris\n"), result::toString);
    assertTrue(result.out().contains("PAR"), result::toString);
    assertEquals(5, new ObjectMapper().readTree(server.takeRequest().getBody().utf8()).get("top_logprobs").asInt());
  }

  @Test
  void theJsonDocumentHasTheDocumentedFields() {
    server.enqueue(Fixtures.json(200, Fixtures.read("openai", "chat", "logprobs.json")));

    JsonNode json = run("chat", "Capital of France?", "--top-logprobs", "2", "--format", "json").json();

    List<String> fields = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("provider", "model", "text", "finishReason", "finishReasonRaw", "usage", "tokens", "stats", "toolCalls",
        "reasoning"), fields);
    JsonNode token = json.get("tokens").get(0);
    for (String field : List.of("token", "bytes", "id", "logprob", "prob", "rank", "top", "unseenMass")) {
      assertTrue(token.has(field), () -> "token has " + field + ": " + token);
    }
    for (String field : List.of("token", "bytes", "id", "logprob", "prob")) {
      assertTrue(token.get("top").get(0).has(field), () -> "candidate has " + field + ": " + token);
    }
  }
}
