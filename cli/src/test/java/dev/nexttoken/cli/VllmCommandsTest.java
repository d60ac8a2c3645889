package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --provider vllm --base-url .../v1 --model M}: score through prompt_logprobs, chat, complete, and the cap error. */
class VllmCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";

  private final MockWebServer server = new MockWebServer();
  private final Cli cli = new Cli();
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
    List<String> all = new ArrayList<>(List.of("--provider", "vllm", "--base-url", v1, "--model", MODEL));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }

  @Test
  void scoresTheTextAfterThePromptWithIdsAndTheTopK() throws Exception {
    server.enqueue(Fixtures.json(200, Fixtures.read("vllm", "completions", "score.json")));

    Cli.Result result = run("score", " Paris, a city", "--prompt", "The capital of France is", "--top-logprobs", "2", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    JsonNode sent = sent();
    assertEquals("/v1/completions", request.getUrl().encodedPath());
    assertEquals("The capital of France is Paris, a city", sent.get("prompt").asText());
    assertTrue(sent.get("echo").asBoolean());
    assertEquals(2, sent.get("prompt_logprobs").asInt());
    assertEquals(1, sent.get("max_tokens").asInt());
    assertEquals(MODEL, sent.get("model").asText());
    assertFalse(sent.has("stream"));

    JsonNode json = result.json();
    assertEquals("vllm", json.get("provider").asText());
    assertEquals(MODEL, json.get("model").asText());
    assertEquals("The capital of France is", json.get("prompt").asText());
    assertEquals(" Paris, a city", json.get("text").asText());
    JsonNode tokens = json.get("tokens");
    assertEquals(4, tokens.size(), json::toString);
    assertEquals(List.of(" Paris", ",", " a", " city"), texts(tokens, "token"));
    assertEquals(List.of("12366", "11", "264", "3363"), texts(tokens, "id"));
    assertEquals(-3.9, tokens.get(1).get("logprob").asDouble(), 1e-12);
    assertEquals(List.of(".", " and"), texts(tokens.get(1).get("top"), "token"));
    assertEquals(List.of("13", "323"), texts(tokens.get(1).get("top"), "id"));
    assertEquals(List.of(" capital", " country"), texts(tokens.get(3).get("top"), "token"));
    // rank: among the listed candidates where the token is one of them, else vLLM's rank in the vocabulary
    assertEquals(List.of("1", "9", "2", "4"), texts(tokens, "rank"));
    assertEquals(List.of(".", " and"), texts(tokens.get(1).get("top"), "token"), "rank 9 is outside the listed two");
    assertEquals(-0.3 - 3.9 - 1.7 - 2.8, json.get("totalLogprob").asDouble(), 1e-9);
    JsonNode usage = json.get("usage");
    assertEquals(10, usage.get("promptTokens").asInt());
    assertTrue(usage.get("cachedTokens").isNull());
    assertTrue(usage.get("reasoningTokens").isNull());
  }

  @Test
  void theTableShowsVllmsRankOfATokenOutsideTheListedCandidates() {
    server.enqueue(Fixtures.json(200, Fixtures.read("vllm", "completions", "score.json")));

    Cli.Result result = run("score", " Paris, a city", "--prompt", "The capital of France is", "--top-logprobs", "2");

    assertEquals(0, result.code(), result::toString);
    List<String> lines = result.out().lines().toList();
    assertEquals(List.of("#", "token", "prob", "logprob", "rank"), List.of(lines.get(0).trim().split("\\s+")).subList(0, 5), result::out);
    List<String> ranks = new ArrayList<>();
    for (String line : lines.subList(1, 5)) {
      String[] cells = line.trim().split("\\s+");
      ranks.add(cells[1] + " " + cells[4]);
    }
    assertEquals(List.of("␣Paris 1", ", 9", "␣a 2", "␣city 4"), ranks, result::out);
    assertFalse(result.out().contains(">2"), result::out);
  }

  private RecordedRequest request;

  private JsonNode sent() throws Exception {
    request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "no request reached the server");
    return JSON.readTree(request.getBody().utf8());
  }

  @Test
  void chatAndCompleteGiveTheSameDocumentAsForTheOtherProviders() throws Exception {
    server.enqueue(Fixtures.json(200, Fixtures.read("vllm", "chat", "extras.json")));
    server.enqueue(Fixtures.json(200, Fixtures.read("vllm", "completions", "extras.json")));

    Cli.Result chat = run("chat", "Paris is in France?", "--top-logprobs", "2", "--format", "json");
    JsonNode chatSent = sent();
    String chatPath = request.getUrl().encodedPath();
    Cli.Result complete = run("complete", "The capital of France is", "--top-logprobs", "0", "--max-tokens", "4", "--format", "json");
    JsonNode completeSent = sent();

    assertEquals(0, chat.code(), chat::toString);
    assertEquals("/v1/chat/completions", chatPath);
    assertEquals(2, chatSent.get("top_logprobs").asInt());
    assertEquals("vllm", chat.json().get("provider").asText());
    assertEquals("Oui.", chat.json().get("text").asText());
    assertEquals(List.of("Oui", "."), texts(chat.json().get("tokens"), "token"));
    assertEquals("stop", chat.json().get("finishReason").asText());
    assertEquals(0, complete.code(), complete::toString);
    assertEquals(0, completeSent.get("logprobs").asInt());
    assertEquals(" Paris.", complete.json().get("text").asText());
    assertEquals(2, complete.json().get("tokens").size());
  }

  @Test
  void theServersLogprobCapIsAUsageErrorNamingTheCap() {
    server.enqueue(Fixtures.json(400, Fixtures.read("vllm", "completions", "error-max-logprobs.json")));

    Cli.Result result = run("score", " there", "--prompt", "Hi", "--top-logprobs", "25", "--format", "json");

    assertEquals(2, result.code(), result::toString);
    assertEquals(1, result.err().strip().lines().count(), result::toString);
    assertTrue(result.err().contains("HTTP 400"), result::toString);
    assertTrue(result.err().contains("at most 20"), result::toString);
    assertEquals("", result.out());
    assertEquals(1, server.getRequestCount(), "a refusal is not retried");
  }

  @Test
  void compareAcceptsVllmWithItsBaseUrlAndModel() throws Exception {
    server.enqueue(Fixtures.json(200, Fixtures.read("vllm", "chat", "extras.json")));

    Cli.Result result = run("compare", "Paris is in France?", "--providers", "vllm", "--format", "json", "--max-tokens", "3");

    assertEquals(0, result.code(), result::toString);
    JsonNode answer = result.json().get("providers").get(0);
    assertEquals("vllm", answer.get("provider").asText());
    assertTrue(answer.get("error").isNull(), result::toString);
    assertEquals("Oui.", answer.get("text").asText());
    JsonNode sent = sent();
    assertEquals(MODEL, sent.get("model").asText());
    assertEquals(5, sent.get("top_logprobs").asInt(), "min(5, the provider's maximum) while the cap is unknown");
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.get(field).asText()));
    return out;
  }
}
