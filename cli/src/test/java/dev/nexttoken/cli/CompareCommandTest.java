package dev.nexttoken.cli;

import static dev.nexttoken.cli.KnownAnswerJson.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code compare} with one provider answering (the real llama-server), one failing (a mock OpenAI
 * answering 500) and one not configured (Cohere without a key): each failure stays in its column.
 */
@ExtendWith(LlamaServerExtension.class)
class CompareCommandTest {
  private static final String SERVER_ERROR =
      "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";

  private final KnownAnswerModel truth;
  private final String llamaUrl;
  private final MockWebServer openai = new MockWebServer();
  private Cli cli;

  CompareCommandTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.llamaUrl = server.baseUrl();
  }

  @BeforeEach
  void start() throws Exception {
    openai.start();
    cli = new Cli()
        .env("NEXTTOKEN_LLAMA_URL", llamaUrl)
        .env("OPENAI_BASE_URL", openai.url("/v1").toString())
        .env("OPENAI_API_KEY", OpenAiFixtureCommandsTest.KEY);
    openai.enqueue(Fixtures.json(500, SERVER_ERROR));
  }

  @AfterEach
  void stop() {
    openai.close();
  }

  @Test
  void aFailingProviderShowsItsErrorAndTheOthersStillAnswer() {
    Cli.Result result = cli.run("--max-retries", "0", "compare", PROMPT, "--providers", "llamacpp,openai,cohere", "--max-tokens", "3");

    assertEquals(0, result.code(), result::toString);
    String[] header = result.out().lines().filter(l -> l.contains("llamacpp")).findFirst().orElseThrow().split("\\|");
    assertEquals("llamacpp", header[1].strip());
    assertEquals("openai", header[2].strip());
    assertEquals("cohere", header[3].strip());
    assertTrue(result.out().contains("error (openai): openai: HTTP 500"), result::toString);
    assertTrue(result.out().contains("error (cohere): cohere: no API key; set CO_API_KEY"), result::toString);
    assertTrue(result.err().contains("asking 3 provider(s)"), "a progress indicator on stderr: " + result.err());
    assertFalse(result.out().contains(OpenAiFixtureCommandsTest.KEY));
    assertEquals(1, openai.getRequestCount());
  }

  @Test
  void theJsonDocumentHasEveryProvidersAnswerOrError() {
    Cli.Result result = cli.run("compare", PROMPT, "--providers", "llamacpp,openai,cohere", "--max-tokens", "3", "--format", "json",
        "--max-retries", "0");

    assertEquals(0, result.code(), result::toString);
    JsonNode providers = result.json().get("providers");
    JsonNode llama = providers.get(0);
    assertEquals("llamacpp", llama.get("provider").asText());
    assertTrue(llama.get("error").isNull());
    // The server samples; whatever it chose, each position is the true distribution after the token before it.
    java.util.List<Integer> chosen = KnownAnswerJson.assertTokens(truth, llama.get("tokens"), 5);
    assertEquals(KnownAnswerJson.text(truth, chosen), llama.get("text").asText());
    assertEquals(3, llama.get("usage").get("completionTokens").asInt());
    assertTrue(providers.get(1).get("error").asText().contains("HTTP 500"), providers::toString);
    assertTrue(providers.get(2).get("error").asText().contains("set CO_API_KEY"), providers::toString);
    assertEquals(3, result.json().get("rows").size());
    assertEquals("", result.err(), "no progress indicator in a JSON run");
  }

  @Test
  void oneBaseUrlForSeveralProvidersIsRefused() {
    Cli.Result result = cli.run("--base-url", llamaUrl, "compare", PROMPT, "--providers", "llamacpp,openai");

    assertEquals(ErrorReporter.USAGE, result.code(), result::toString);
    assertTrue(result.err().contains("OPENAI_BASE_URL"), result::toString);
    assertEquals(0, openai.getRequestCount());
  }
}
