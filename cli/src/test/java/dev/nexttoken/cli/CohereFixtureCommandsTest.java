package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/** {@code --provider cohere} against MockWebServer: chosen-token logprobs only, alternatives unknown (null). */
class CohereFixtureCommandsTest {
  private static final String KEY = "co-cli-test-SECRET";

  private final MockWebServer server = new MockWebServer();
  private final Cli cli = new Cli().env("CO_API_KEY", KEY);
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

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void chatReportsChosenTokensWithUnknownAlternatives(boolean stream) throws Exception {
    server.enqueue(stream ? Fixtures.sse(Fixtures.read("cohere", "chat", "logprobs.sse"))
        : Fixtures.json(200, Fixtures.read("cohere", "chat", "logprobs.json")));

    List<String> args = new ArrayList<>(List.of("--provider", "cohere", "--base-url", root, "chat", "Capital of France?",
        "--top-logprobs", "0", "--format", "json"));
    if (stream) {
      args.add("--stream");
    }
    Cli.Result result = cli.run(args.toArray(String[]::new));

    assertEquals(0, result.code(), result::toString);
    JsonNode json = result.json();
    assertEquals("cohere", json.get("provider").asText());
    assertEquals("Paris, bien sûr.", json.get("text").asText());
    assertEquals("stop", json.get("finishReason").asText());
    assertEquals("COMPLETE", json.get("finishReasonRaw").asText());
    assertEquals(6, json.get("usage").get("completionTokens").asInt());
    JsonNode tokens = json.get("tokens");
    // " sûr" is one item with two ids: its text sits on the last, the first is empty.
    List<String> texts = List.of("Paris", ",", " bien", "", " sûr", ".");
    List<Integer> ids = List.of(41521, 19, 8740, 4598, 3074, 21);
    List<Double> logprobs = List.of(-0.0031, -0.52, -1.2, -0.25, -0.0007, -0.11);
    assertEquals(texts.size(), tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      JsonNode token = tokens.get(i);
      assertEquals(texts.get(i), token.get("token").asText(), "token " + i);
      assertEquals(ids.get(i), token.get("id").asInt(), "id " + i);
      assertEquals(logprobs.get(i), token.get("logprob").asDouble(), "logprob " + i);
      assertEquals(Math.exp(logprobs.get(i)), token.get("prob").asDouble(), 1e-15, "prob " + i);
      assertTrue(token.get("bytes").isNull(), "Cohere reports no bytes");
      assertTrue(token.get("top").isNull(), "alternatives unknown, not an empty list");
      assertTrue(token.get("rank").isNull());
      assertTrue(token.get("unseenMass").isNull());
    }

    RecordedRequest request = server.takeRequest();
    assertEquals("/v2/chat", request.getUrl().encodedPath());
    assertTrue(new ObjectMapper().readTree(request.getBody().utf8()).get("logprobs").asBoolean());
  }

  @Test
  void theDefaultForJsonIsTheChosenTokensOnly() {
    server.enqueue(Fixtures.json(200, Fixtures.read("cohere", "chat", "logprobs.json")));

    Cli.Result result = cli.run("--provider", "cohere", "--base-url", root, "chat", "Capital of France?", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    assertEquals(6, result.json().get("tokens").size());
  }

  @Test
  void askingForAlternativesFailsBeforeAnyRequest() {
    Cli.Result result = cli.run("--provider", "cohere", "--base-url", root, "chat", "Capital of France?", "--top-logprobs", "3");

    assertNotEquals(0, result.code());
    assertEquals(0, server.getRequestCount());
    assertTrue(result.err().contains("cohere"), result::toString);
    assertTrue(result.err().contains("must be 0"), result::toString);
    assertEquals(1, result.err().lines().count(), result::toString);
  }

  @Test
  void withoutAKeyItSaysWhichVariableToSet() {
    Cli.Result result = new Cli().run("--provider", "cohere", "--base-url", root, "chat", "Hi");

    assertEquals(ErrorReporter.USAGE, result.code());
    assertTrue(result.err().contains("set CO_API_KEY"), result::toString);
    assertEquals(0, server.getRequestCount());
  }
}
