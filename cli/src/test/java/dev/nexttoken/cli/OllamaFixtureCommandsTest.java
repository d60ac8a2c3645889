package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --provider ollama} against MockWebServer: native /api/chat and /api/generate, logprobs with bytes. */
class OllamaFixtureCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockWebServer server = new MockWebServer();
  private final Cli cli = new Cli();
  private String root;

  @BeforeEach
  void start() throws Exception {
    server.start();
    root = server.url("/").toString();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse ndjson(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/x-ndjson").body(body).build();
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void chatReportsTokensWithBytesAndAlternatives(boolean stream) throws Exception {
    server.enqueue(stream ? ndjson(Fixtures.read("ollama", "chat", "logprobs.ndjson"))
        : Fixtures.json(200, Fixtures.read("ollama", "chat", "logprobs.json")));
    List<String> args = new ArrayList<>(List.of("--provider", "ollama", "--base-url", root, "--model", "qwen3:4b",
        "chat", "Capital of France?", "--top-logprobs", "3", "--format", "json"));
    if (stream) {
      args.add("--stream");
    }

    Cli.Result result = cli.run(args.toArray(String[]::new));

    assertEquals(0, result.code(), result::toString);
    JsonNode json = result.json();
    assertEquals("ollama", json.get("provider").asText());
    assertEquals("qwen3:4b", json.get("model").asText());
    assertEquals("Paris, bien.", json.get("text").asText());
    assertEquals("stop", json.get("finishReason").asText());
    assertEquals("stop", json.get("finishReasonRaw").asText());
    JsonNode usage = json.get("usage");
    assertEquals(14, usage.get("promptTokens").asInt());
    assertEquals(4, usage.get("completionTokens").asInt());
    assertTrue(usage.get("cachedTokens").isNull(), "Ollama reports no cached count");
    assertTrue(usage.get("reasoningTokens").isNull());
    JsonNode tokens = json.get("tokens");
    assertEquals(4, tokens.size());
    assertEquals(",", tokens.get(1).get("token").asText());
    assertEquals(44, tokens.get(1).get("bytes").get(0).asInt());
    assertEquals(-1.2, tokens.get(1).get("logprob").asDouble(), 1e-12);
    assertEquals(3, tokens.get(1).get("top").size());
    assertEquals("!", tokens.get(1).get("top").get(0).get("token").asText(), "most likely first");

    RecordedRequest request = server.takeRequest();
    assertEquals("/api/chat", request.getUrl().encodedPath());
    JsonNode body = JSON.readTree(request.getBody().utf8());
    assertEquals(stream, body.get("stream").asBoolean(), "stream sent explicitly either way");
    assertTrue(body.get("stream").isBoolean());
    assertEquals(3, body.get("top_logprobs").asInt());
    assertEquals("qwen3:4b", body.get("model").asText());
  }

  @Test
  void completeGoesToGenerate() throws Exception {
    server.enqueue(Fixtures.json(200, Fixtures.read("ollama", "generate", "logprobs.json")));

    Cli.Result result = cli.run("--provider", "ollama", "--base-url", root, "--model", "llama3.2:1b",
        "complete", "Weights and Biases is", "--top-logprobs", "0", "--format", "json", "--max-tokens", "2");

    assertEquals(0, result.code(), result::toString);
    assertEquals(" the machine", result.json().get("text").asText());
    RecordedRequest request = server.takeRequest();
    assertEquals("/api/generate", request.getUrl().encodedPath());
    JsonNode body = JSON.readTree(request.getBody().utf8());
    assertEquals("Weights and Biases is", body.get("prompt").asText());
    assertFalse(body.get("stream").asBoolean());
    assertEquals(2, body.get("options").get("num_predict").asInt());
  }

  @Test
  void withoutAModelItSaysSoBeforeAnyRequest() {
    Cli.Result result = cli.run("--provider", "ollama", "--base-url", root, "chat", "Hi");

    assertEquals(ErrorReporter.USAGE, result.code(), result::toString);
    assertTrue(result.err().contains("--model"), result::toString);
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void theServerComesFromOllamaHost() {
    server.enqueue(Fixtures.json(200, Fixtures.read("ollama", "chat", "logprobs.json")));
    String hostPort = server.getHostName() + ":" + server.getPort();

    Cli.Result result = new Cli().env("OLLAMA_HOST", hostPort).env("NEXTTOKEN_OLLAMA_MODEL", "qwen3:4b")
        .run("--provider", "ollama", "chat", "Capital of France?", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aServerTooOldForLogprobsKeepsTheAnswerWithAOneLineWarningNamingTheVersion() {
    server.enqueue(Fixtures.json(200, Fixtures.read("ollama", "chat", "no-logprobs.json")));

    Cli.Result result = cli.run("--provider", "ollama", "--base-url", root, "--model", "llama3.2:1b", "chat", "Hi", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    assertTrue(result.json().get("tokens").isNull(), result::toString);
    assertTrue(result.err().startsWith("warning: ") && result.err().contains("0.12.11"), result::toString);
    assertEquals(1, result.err().lines().count(), result::toString);
  }

  @Test
  void anErrorBodyIsOneLineWithTheStatus() {
    server.enqueue(Fixtures.json(404, "{\"error\":\"model 'nope' not found, try pulling it first\"}"));

    Cli.Result result = cli.run("--provider", "ollama", "--base-url", root, "--model", "nope", "chat", "Hi");

    assertEquals(ErrorReporter.PROVIDER_FAILURE, result.code(), result::toString);
    assertTrue(result.err().contains("HTTP 404") && result.err().contains("not found"), result::toString);
    assertEquals(1, result.err().lines().count(), result::toString);
  }

  @Test
  void compareAcceptsOllama() {
    server.enqueue(Fixtures.json(200, Fixtures.read("ollama", "chat", "logprobs.json")));

    Cli.Result result = cli.run("--provider", "ollama", "--base-url", root, "--model", "qwen3:4b",
        "compare", "Capital of France?", "--providers", "ollama");

    assertEquals(0, result.code(), result::toString);
    assertTrue(result.out().contains("ollama"), result::toString);
    assertTrue(result.out().contains("Paris"), result::toString);
  }
}
