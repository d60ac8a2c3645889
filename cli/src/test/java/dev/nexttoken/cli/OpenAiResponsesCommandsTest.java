package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --provider openai-responses} against MockWebServer with Responses API answers: the same JSON document as every provider's. */
class OpenAiResponsesCommandsTest {
  static final String KEY = "sk-cli-responses-SECRET";
  private static final ObjectMapper JSON = new ObjectMapper();

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
    String[] all = new String[args.length + 6];
    System.arraycopy(new String[] {"--provider", "openai-responses", "--base-url", v1, "--model", "gpt-4.1-mini"}, 0, all, 0, 6);
    System.arraycopy(args, 0, all, 6, args.length);
    return cli.run(all);
  }

  private static String fixture(String name) {
    return Fixtures.read("openai-responses", "responses", name);
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void chatPrintsTheAnswerItsTokensAndUsageDetails(boolean stream) throws Exception {
    server.enqueue(stream ? Fixtures.sse(fixture("stream-logprobs.sse")) : Fixtures.json(200, fixture("logprobs.json")));

    Cli.Result result = stream ? run("chat", "Capital of France?", "--top-logprobs", "2", "--format", "json", "--stream")
        : run("chat", "Capital of France?", "--top-logprobs", "2", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    JsonNode json = result.json();
    assertEquals("openai-responses", json.get("provider").asText());
    assertEquals("gpt-4.1-mini-2025-04-14", json.get("model").asText());
    assertEquals("Paris.", json.get("text").asText());
    assertEquals("stop", json.get("finishReason").asText());
    assertEquals("completed", json.get("finishReasonRaw").asText());
    JsonNode usage = json.get("usage");
    assertEquals(19, usage.get("promptTokens").asInt());
    assertEquals(5, usage.get("completionTokens").asInt());
    assertEquals(24, usage.get("totalTokens").asInt());
    assertEquals(5, usage.get("cachedTokens").asInt());
    assertEquals(3, usage.get("reasoningTokens").asInt());
    JsonNode tokens = json.get("tokens");
    assertEquals(2, tokens.size());
    assertEquals("Paris", tokens.get(0).get("token").asText());
    assertEquals("[80,97,114,105,115]", tokens.get(0).get("bytes").toString());
    assertEquals(-0.003, tokens.get(0).get("logprob").asDouble(), 1e-12);
    assertEquals(2, tokens.get(0).get("top").size());
    assertEquals("paris", tokens.get(0).get("top").get(1).get("token").asText());

    RecordedRequest request = server.takeRequest();
    assertEquals("/v1/responses", request.getUrl().encodedPath());
    JsonNode body = JSON.readTree(request.getBody().utf8());
    assertEquals("gpt-4.1-mini", body.get("model").asText());
    assertEquals("Capital of France?", body.get("input").get(0).get("content").asText());
    assertEquals("message.output_text.logprobs", body.get("include").get(0).asText());
    assertEquals(2, body.get("top_logprobs").asInt());
    assertEquals(stream, body.has("stream"));
    assertFalse(result.out().contains(KEY) || result.err().contains(KEY));
  }

  @Test
  void usageDetailsAreNullWhenNotReported() {
    server.enqueue(Fixtures.json(200, fixture("incomplete.json")));

    JsonNode json = run("chat", "Fruit haikus", "--max-tokens", "16", "--format", "json").json();

    assertEquals("length", json.get("finishReason").asText());
    assertEquals("max_output_tokens", json.get("finishReasonRaw").asText());
    assertTrue(json.get("usage").get("cachedTokens").isNull());
    assertEquals(0, json.get("usage").get("reasoningTokens").asInt());
  }

  @Test
  void aReasoningModelIsRefusedLogprobsBeforeAnythingIsSent() {
    Cli.Result result = cli.run("--provider", "openai-responses", "--base-url", "https://api.openai.com/v1", "--model", "gpt-5-mini",
        "chat", "hello, ", "--top-logprobs", "3", "--format", "json");

    assertEquals(2, result.code(), result::toString);
    assertEquals(1, result.err().strip().lines().count(), result::toString);
    assertTrue(result.err().contains("reasoning model"), result::toString);
    assertTrue(result.out().isEmpty());
  }

  @Test
  void aServerRefusingLogprobsIsOneRequestAndOneLine() {
    server.enqueue(Fixtures.json(400, fixture("error-reasoning-logprobs.json")));
    server.enqueue(Fixtures.json(400, fixture("error-reasoning-logprobs.json")));

    Cli.Result result = run("chat", "hello, ", "--top-logprobs", "3", "--format", "json");

    assertEquals(1, result.code(), result::toString);
    assertEquals(1, server.getRequestCount());
    String line = result.err().strip();
    assertEquals(1, line.lines().count(), result::toString);
    assertTrue(line.contains("HTTP 400") && line.contains("ask without topLogprobs"), line);
  }

  @Test
  void completeIsRefusedNamingTheRoute() {
    Cli.Result result = run("complete", "Once upon", "--format", "json");

    assertEquals(2, result.code(), result::toString);
    assertTrue(result.err().contains("no raw prompt"), result::toString);
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void compareAcceptsTheProvider() {
    server.enqueue(Fixtures.json(200, fixture("logprobs.json")));

    Cli.Result result = run("compare", "Capital of France?", "--providers", "openai-responses", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    assertTrue(result.out().contains("\"openai-responses\""), result::toString);
    assertTrue(result.out().contains("Paris."), result::toString);
  }

  @Test
  void anUnknownProviderIsRefusedNamingTheKnownOnes() {
    Cli.Result result = cli.run("--provider", "gemini-x", "chat", "Hi");

    assertEquals(2, result.code());
    assertTrue(result.err().contains("option '--provider'") && result.err().contains("but was 'gemini-x'"), result::toString);
    assertTrue(result.err().contains("openai-responses"), result::toString);
  }
}
