package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Usage;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON contract's {@code usage}: {@code promptTokens, completionTokens, totalTokens, cachedTokens,
 * reasoningTokens}, always all five, null where the provider reported nothing and 0 where it reported 0;
 * and the details in {@code compare}'s table.
 */
class UsageOutputTest {
  private static final List<String> FIELDS = List.of("promptTokens", "completionTokens", "totalTokens", "cachedTokens", "reasoningTokens");

  private final MockWebServer server = new MockWebServer();
  private final Cli cli = new Cli().env("OPENAI_API_KEY", OpenAiFixtureCommandsTest.KEY).env("CO_API_KEY", "co-cli-test-SECRET");

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode usage(String provider, String base, boolean stream, String... args) {
    return usage(List.of("--provider", provider, "--base-url", base), stream, args);
  }

  private JsonNode usage(List<String> globals, boolean stream, String... args) {
    List<String> all = new ArrayList<>(globals);
    all.addAll(List.of(args));
    all.addAll(List.of("--format", "json"));
    if (stream) {
      all.add("--stream");
    }
    Cli.Result result = cli.run(all.toArray(String[]::new));
    assertEquals(0, result.code(), result::toString);
    JsonNode usage = result.json().get("usage");
    List<String> fields = new ArrayList<>();
    usage.fieldNames().forEachRemaining(fields::add);
    assertEquals(FIELDS, fields, usage::toString);
    return usage;
  }

  private static void assertUsage(JsonNode usage, Integer... expected) {
    for (int i = 0; i < FIELDS.size(); i++) {
      JsonNode value = usage.get(FIELDS.get(i));
      if (expected[i] == null) {
        assertTrue(value.isNull(), () -> "null: " + usage);
      } else {
        assertTrue(value.isInt(), usage::toString);
        assertEquals(expected[i].intValue(), value.asInt(), usage::toString);
      }
    }
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void openAiChatPrintsCachedAndReasoningTokens(boolean stream) {
    server.enqueue(stream ? Fixtures.sse(Fixtures.read("openai", "chat", "stream-usage-details.sse"))
        : Fixtures.json(200, Fixtures.read("openai", "chat", "usage-details.json")));

    assertUsage(usage("openai", server.url("/v1").toString(), stream, "chat", "Capital of France?"), 2048, 212, 2260, 1920, 192);
  }

  @Test
  void reportedZerosAreZerosAndAbsentDetailsAreNull() {
    server.enqueue(Fixtures.json(200, Fixtures.read("openai", "chat", "logprobs.json")));
    server.enqueue(Fixtures.sse(Fixtures.read("openai", "chat", "stream.sse")));
    String v1 = server.url("/v1").toString();

    assertUsage(usage("openai", v1, false, "chat", "Capital of France?"), 20, 1, 21, 0, 0);
    assertUsage(usage("openai", v1, true, "chat", "Capital of France?"), 20, 1, 21, null, null);
  }

  @Test
  void legacyCompletionsAndScoringPrintTheSameFields() {
    server.enqueue(Fixtures.json(200, Fixtures.read("openai", "completions", "logprobs.json")));
    server.enqueue(Fixtures.json(200, Fixtures.read("openai", "completions", "score.json")));
    List<String> globals = List.of("--provider", "openai", "--base-url", server.url("/v1").toString(), "--model", "davinci-002");

    assertUsage(usage(globals, false, "complete", "The capital of France is"), 5, 2, 7, null, null);
    JsonNode scored = usage(globals, false, "score", " Paris", "--prompt", "The capital of France is");
    assertTrue(scored.get("cachedTokens").isNull() && scored.get("reasoningTokens").isNull(), scored::toString);
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void cohereReportsItsCachedTokensAndNoReasoningCount(boolean stream) {
    server.enqueue(stream ? Fixtures.sse(Fixtures.read("cohere", "chat", "logprobs.sse"))
        : Fixtures.json(200, Fixtures.read("cohere", "chat", "logprobs.json")));

    JsonNode usage = usage("cohere", server.url("/").toString(), stream, "chat", "Capital of France?", "--top-logprobs", "0");

    assertUsage(usage, 212, 6, 218, 0, null);
  }

  @Test
  void compareShowsTheDetailsInARowOfTheirOwnOnlyWhenSomeoneReportedThem() {
    Completion detailed = new Completion("Paris", FinishReason.of(FinishReason.Kind.STOP, "stop"), new Usage(2048, 212, 2260, 1920, 192),
        "o4-mini", null, null, null);
    Completion plain = new Completion("Paris", FinishReason.of(FinishReason.Kind.STOP, "stop"), Usage.of(20, 1), "m", null, null, null);

    String table = new ComparisonView("Capital?", List.of(ProviderResult.success("o", detailed, 1), ProviderResult.success("p", plain, 1)))
        .table();
    String usageRow = table.lines().filter(l -> l.startsWith("usage ")).findFirst().orElseThrow(() -> new AssertionError(table));
    String detailsRow = table.lines().filter(l -> l.startsWith("details ")).findFirst().orElseThrow(() -> new AssertionError(table));
    assertEquals("2048 in, 212 out", usageRow.split("\\|")[1].strip());
    assertEquals("20 in, 1 out", usageRow.split("\\|")[2].strip());
    assertEquals("1920 cached, 192 reasoning", detailsRow.split("\\|")[1].strip());
    assertEquals("", detailsRow.split("\\|")[2].strip());

    String without = new ComparisonView("Capital?", List.of(ProviderResult.success("p", plain, 1))).table();
    assertFalse(without.lines().anyMatch(l -> l.startsWith("details")), without);
    assertEquals("7 cached", CompletionPrinter.usageDetailsText(new Usage(9, 1, 10, 7, null)));
    assertEquals("0 reasoning", CompletionPrinter.usageDetailsText(new Usage(9, 1, 10, null, 0)));
  }
}
