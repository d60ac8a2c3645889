package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --provider gemini} against MockWebServer: top-k logprobs with token ids, usage details, errors, compare. */
class GeminiFixtureCommandsTest {
  private static final String KEY = "AIza-cli-test-SECRET";

  private final MockWebServer server = new MockWebServer();
  private final Cli cli = new Cli().env("GEMINI_API_KEY", KEY);
  private String base;

  @BeforeEach
  void start() throws Exception {
    server.start();
    base = server.url("/v1beta").toString();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void chatPrintsTokensAlternativesIdsAndUsageDetails(boolean stream) throws Exception {
    server.enqueue(stream ? Fixtures.sse(Fixtures.read("gemini", "stream", "logprobs-top3.sse"))
        : Fixtures.json(200, Fixtures.read("gemini", "generate", "logprobs-top3.json")));

    List<String> args = new ArrayList<>(List.of("--provider", "gemini", "--base-url", base, "--model", "gemini-2.0-flash-001",
        "chat", "What colour is the sky?", "--top-logprobs", "3", "--format", "json"));
    if (stream) {
      args.add("--stream");
    }
    Cli.Result result = cli.run(args.toArray(String[]::new));

    assertEquals(0, result.code(), result::toString);
    assertFalse(result.out().contains(KEY) || result.err().contains(KEY));
    JsonNode json = result.json();
    assertEquals("gemini", json.get("provider").asText());
    assertEquals("gemini-2.0-flash-001", json.get("model").asText());
    assertEquals("The sky is blue.", json.get("text").asText());
    assertEquals("stop", json.get("finishReason").asText());
    assertEquals("STOP", json.get("finishReasonRaw").asText());
    JsonNode usage = json.get("usage");
    assertEquals(2060, usage.get("promptTokens").asInt());
    assertEquals(5, usage.get("completionTokens").asInt());
    assertEquals(2103, usage.get("totalTokens").asInt());
    assertEquals(2048, usage.get("cachedTokens").asInt());
    assertEquals(38, usage.get("reasoningTokens").asInt());
    JsonNode tokens = json.get("tokens");
    assertEquals(5, tokens.size());
    assertEquals(" is", tokens.get(2).get("token").asText());
    assertEquals(603, tokens.get(2).get("id").asInt());
    assertEquals(-1.1, tokens.get(2).get("logprob").asDouble(), 1e-12);
    assertEquals(3, tokens.get(2).get("top").size());
    assertTrue(tokens.get(0).get("bytes").isNull(), "Gemini sends no bytes");
    JsonNode impossible = tokens.get(4).get("top").get(1);
    assertTrue(impossible.get("logprob").isNull(), "the placeholder is -inf: null with prob 0");
    assertEquals(0.0, impossible.get("prob").asDouble());

    RecordedRequest request = server.takeRequest();
    assertEquals("/v1beta/models/gemini-2.0-flash-001:" + (stream ? "streamGenerateContent" : "generateContent"), request.getUrl().encodedPath());
    assertEquals(stream ? "alt=sse" : null, request.getUrl().query());
    assertEquals(KEY, request.getHeaders().get("x-goog-api-key"));
    JsonNode config = new ObjectMapper().readTree(request.getBody().utf8()).get("generationConfig");
    assertTrue(config.get("responseLogprobs").asBoolean());
    assertEquals(3, config.get("logprobs").asInt());
  }

  @Test
  void aModelKnownToRefuseLogprobsIsRefusedBeforeAnyRequest() {
    Cli.Result result = cli.run("--provider", "gemini", "--base-url", base, "--model", "gemini-2.5-pro",
        "chat", "Hello!", "--top-logprobs", "3", "--format", "json");

    assertEquals(ErrorReporter.USAGE, result.code(), result::toString);
    assertEquals(0, server.getRequestCount());
    assertEquals(1, result.err().lines().count(), result::toString);
    assertTrue(result.err().contains("gemini"), result::toString);
  }

  @Test
  void theServersLogprobsRefusalIsOneLineNamingTheStatus() {
    server.enqueue(Fixtures.json(400, Fixtures.read("gemini", "errors", "400-logprobs-not-enabled.json")));
    Cli.Result result = cli.run("--provider", "gemini", "--base-url", base, "--model", "gemini-exp-1206",
        "chat", "Hello!", "--top-logprobs", "3", "--format", "json");

    assertEquals(1, server.getRequestCount(), "not retried");
    assertEquals(1, result.err().lines().count(), result::toString);
    assertTrue(result.err().contains("400"), result::toString);
    assertTrue(result.err().contains("Logprobs is not enabled"), result::toString);
    assertEquals("", result.out());
  }

  @Test
  void withoutAKeyItSaysWhichVariablesToSet() {
    Cli.Result result = new Cli().run("--provider", "gemini", "--base-url", base, "chat", "Hi");

    assertEquals(ErrorReporter.USAGE, result.code());
    assertTrue(result.err().contains("GEMINI_API_KEY"), result::toString);
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void googleApiKeyWorksToo() throws Exception {
    server.enqueue(Fixtures.json(200, Fixtures.read("gemini", "generate", "logprobs-top3.json")));
    Cli.Result result = new Cli().env("GOOGLE_API_KEY", KEY).run("--provider", "gemini", "--base-url", base, "chat", "Hi", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    assertEquals(KEY, server.takeRequest().getHeaders().get("x-goog-api-key"));
  }

  @Test
  void compareAcceptsGemini() throws Exception {
    server.enqueue(Fixtures.json(200, Fixtures.read("gemini", "generate", "logprobs-top3.json")));
    Cli.Result result = cli.env("GEMINI_BASE_URL", base).run("compare", "What colour is the sky?", "--providers", "gemini", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    JsonNode provider = result.json().get("providers").get(0);
    assertEquals("gemini", provider.get("provider").asText());
    assertNull(provider.get("error").textValue());
    assertEquals("The sky is blue.", provider.get("text").asText());
    assertEquals(2048, provider.get("usage").get("cachedTokens").asInt());
    assertEquals(5, provider.get("tokens").size());
    JsonNode config = new ObjectMapper().readTree(server.takeRequest().getBody().utf8()).get("generationConfig");
    assertEquals(5, config.get("logprobs").asInt(), "compare's default: min(5, the provider's maximum)");
  }
}
