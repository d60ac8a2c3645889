package dev.nexttoken.cli;

import static dev.nexttoken.cli.OpenAiFixtureCommandsTest.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How failures reach the user: one line on stderr, the right exit code, retries as the provider asks, never the key. */
class ErrorReportingTest {
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

  private void enqueueUnauthorized() {
    server.enqueue(Fixtures.json(401, Fixtures.read("openai", "chat", "error-invalid-api-key.json")));
  }

  private static void assertNoKey(Cli.Result result) {
    assertFalse(result.out().contains(KEY), result::toString);
    assertFalse(result.err().contains(KEY), result::toString);
  }

  @Test
  void anUnauthorizedKeyIsOneLineNamingProviderStatusAndVariable() {
    enqueueUnauthorized();

    Cli.Result result = cli.run("--provider", "openai", "--base-url", v1, "chat", "Hi", "--format", "json");

    assertEquals(ErrorReporter.PROVIDER_FAILURE, result.code(), result::toString);
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result::toString);
    String line = result.err().strip();
    assertTrue(line.startsWith("nexttoken: "), line);
    assertTrue(line.contains("openai"), line);
    assertTrue(line.contains("401"), line);
    assertTrue(line.contains("set OPENAI_API_KEY"), line);
    assertFalse(line.contains("Exception"), line);
    assertNoKey(result);
    assertEquals(1, server.getRequestCount(), "a 401 is not retried");
  }

  @Test
  void verboseAddsTheStackTraceButStillNotTheKey() {
    enqueueUnauthorized();

    Cli.Result result = cli.run("--provider", "openai", "--base-url", v1, "chat", "Hi", "--verbose");

    assertEquals(ErrorReporter.PROVIDER_FAILURE, result.code(), result::toString);
    assertTrue(result.err().contains("AuthenticationException"), result::toString);
    assertTrue(result.err().contains("\tat dev.nexttoken."), result::toString);
    assertNoKey(result);
  }

  @Test
  void verboseCountsBeforeTheCommandToo() {
    enqueueUnauthorized();

    Cli.Result result = cli.run("--verbose", "--provider", "openai", "--base-url", v1, "chat", "Hi");

    assertTrue(result.err().contains("\tat dev.nexttoken."), result::toString);
  }

  @Test
  void aMissingKeySaysWhatToSetAndSendsNothing() {
    // No --base-url: this would go to OpenAI itself, so it must stop before any request.
    Cli.Result result = new Cli().run("--provider", "openai", "chat", "Hi");

    assertEquals(ErrorReporter.USAGE, result.code());
    assertEquals(1, result.err().lines().count(), result::toString);
    assertTrue(result.err().contains("openai"), result::toString);
    assertTrue(result.err().contains("set OPENAI_API_KEY"), result::toString);
  }

  @Test
  void aRateLimitWithRetryAfterIsWaitedOutAndRetried() {
    server.enqueue(new MockResponse.Builder(Fixtures.json(429, Fixtures.read("openai", "chat", "error-rate-limit.json")))
        .setHeader("Retry-After", "1").build());
    server.enqueue(Fixtures.json(200, Fixtures.read("openai", "chat", "logprobs.json")));

    Cli.Result result = cli.run("--provider", "openai", "--base-url", v1, "chat", "Hi", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    assertEquals("Paris", result.json().get("text").asText());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void anExhaustedQuotaFailsAtOnce() {
    server.enqueue(Fixtures.json(429, Fixtures.read("openai", "completions", "error-insufficient-quota.json")));
    server.enqueue(Fixtures.json(200, Fixtures.read("openai", "chat", "logprobs.json")));

    Cli.Result result = cli.run("--provider", "openai", "--base-url", v1, "chat", "Hi");

    assertEquals(ErrorReporter.PROVIDER_FAILURE, result.code(), result::toString);
    assertEquals(1, server.getRequestCount(), "insufficient_quota is permanent");
    assertEquals(1, result.err().lines().count(), result::toString);
    assertTrue(result.err().contains("429"), result::toString);
    assertTrue(result.err().contains("quota"), result::toString);
    assertNoKey(result);
  }

  @Test
  void aKeyOverPlainHttpToAnotherHostNeedsAllowInsecureHttp() {
    // .invalid never resolves; the refusal comes before any lookup or connection.
    Cli.Result result = cli.run("--provider", "openai", "--base-url", "http://example.invalid/v1", "chat", "Hi");

    assertEquals(ErrorReporter.USAGE, result.code(), result::toString);
    assertEquals(1, result.err().lines().count(), result::toString);
    assertTrue(result.err().contains("--allow-insecure-http"), result::toString);
    assertTrue(result.err().contains("example.invalid"), result::toString);
    assertNoKey(result);
  }

  @Test
  void aBadOptionIsAUsageError() {
    Cli.Result result = cli.run("complete", "Hi", "--max-tokens", "many");

    assertEquals(ErrorReporter.USAGE, result.code());
    assertTrue(result.err().contains("--max-tokens"), result::toString);
    assertTrue(result.err().contains("--help"), result::toString);
  }

  @Test
  void badWalkAndGenerationOptionsAreRefusedBeforeAnyServerStarts() {
    // No --base-url: a check after opening the model would first start the bundled server.
    Cli.Result steps = cli.run("walk", "Hi", "--steps", "0");
    Cli.Result seed = cli.run("walk", "Hi", "--seed", "3");
    Cli.Result top = cli.run("complete", "Hi", "--top-logprobs", "-1");

    assertEquals(ErrorReporter.USAGE, steps.code(), steps::toString);
    assertTrue(steps.err().contains("--steps must be at least 1, was 0"), steps::toString);
    assertEquals(ErrorReporter.USAGE, seed.code(), seed::toString);
    assertTrue(seed.err().contains("add --sample"), seed::toString);
    assertEquals(ErrorReporter.USAGE, top.code(), top::toString);
    assertTrue(top.err().contains("--top-logprobs must be >= 0"), top::toString);
  }
}
