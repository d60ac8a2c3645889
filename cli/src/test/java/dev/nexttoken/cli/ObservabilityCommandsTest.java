package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code OTEL_TRACES_EXPORTER} / {@code OTEL_METRICS_EXPORTER} and {@code NEXTTOKEN_LOG}: spans,
 * metrics and request lines on stderr, the JSON document alone on stdout, the key nowhere.
 */
class ObservabilityCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = OpenAiFixtureCommandsTest.KEY;

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Cli.Result chat(Cli cli, boolean stream) {
    server.enqueue(stream ? Fixtures.sse(Fixtures.read("openai", "chat", "stream-usage-details.sse"))
        : Fixtures.json(200, Fixtures.read("openai", "chat", "usage-details.json")));
    List<String> args = new ArrayList<>(List.of("--provider", "openai", "--base-url", server.url("/v1").toString(),
        "chat", "Capital of France?", "--format", "json"));
    if (stream) {
      args.add("--stream");
    }
    Cli.Result result = cli.run(args.toArray(String[]::new));
    assertEquals(0, result.code(), result::toString);
    return result;
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void theSpanOnStderrCarriesTheUsageOfTheJsonOnStdout(boolean stream) throws IOException {
    Cli.Result result = chat(new Cli().env("OPENAI_API_KEY", KEY).env("OTEL_TRACES_EXPORTER", "logging-otlp"), stream);

    JsonNode usage = result.json().get("usage"); // stdout is the document alone
    JsonNode span = onlySpan(result.err());
    assertEquals("chat gpt-4o-mini", span.get("name").asText());
    assertEquals(usage.get("promptTokens").asLong(), intAttribute(span, "gen_ai.usage.input_tokens"));
    assertEquals(usage.get("completionTokens").asLong(), intAttribute(span, "gen_ai.usage.output_tokens"));
    assertEquals(usage.get("cachedTokens").asLong(), intAttribute(span, "gen_ai.usage.cache_read.input_tokens"));
    assertEquals(usage.get("reasoningTokens").asLong(), intAttribute(span, "gen_ai.usage.reasoning.output_tokens"));
    assertEquals("openai", stringAttribute(span, "gen_ai.provider.name"));
    assertEquals(result.json().get("model").asText(), stringAttribute(span, "gen_ai.response.model"));
    assertEquals(1, intAttribute(span, "nexttoken.attempts"), "the CLI registers the attempt listener");
    assertFalse(result.out().contains("scopeSpans"));
    assertFalse(result.err().contains(KEY), result::toString);
  }

  @Test
  void metricsGoToStderrToo() throws IOException {
    Cli.Result result = chat(new Cli().env("OPENAI_API_KEY", KEY).env("OTEL_METRICS_EXPORTER", "logging-otlp"), false);

    List<String> names = new ArrayList<>();
    for (JsonNode document : jsonLines(result.err())) {
      for (JsonNode metric : document.at("/scopeMetrics/0/metrics")) {
        names.add(metric.get("name").asText());
      }
    }
    assertTrue(names.containsAll(List.of("gen_ai.client.operation.duration", "gen_ai.client.token.usage")), names::toString);
    assertFalse(result.err().contains("scopeSpans"), "no traces were asked for");
  }

  @Test
  void withoutOtelVariablesNothingIsExported() {
    Cli.Result result = chat(new Cli().env("OPENAI_API_KEY", KEY), false);

    assertEquals("", result.err());
  }

  @Test
  void anUnknownExporterIsAUsageError() {
    Cli.Result result = new Cli().env("OPENAI_API_KEY", KEY).env("OTEL_TRACES_EXPORTER", "carrier-pigeon")
        .run("--provider", "openai", "--base-url", server.url("/v1").toString(), "chat", "hi");

    assertEquals(ErrorReporter.USAGE, result.code(), result::toString);
    assertTrue(result.err().startsWith("nexttoken: OpenTelemetry is not configured: "), result.err());
    assertTrue(result.err().contains("carrier-pigeon"), result.err());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void nextTokenLogDebugShowsEachRequestOnStderrWithoutTheKey() {
    Cli.Result result = chat(new Cli().env("OPENAI_API_KEY", KEY).env("NEXTTOKEN_LOG", "debug"), false);

    List<String> lines = result.err().lines().toList();
    assertEquals(2, lines.size(), result::toString);
    assertTrue(lines.get(0).startsWith("nexttoken: openai --> POST " + server.url("/v1/chat/completions") + " attempt 1 ["), lines.get(0));
    assertTrue(lines.get(0).contains("Authorization: ***"), lines.get(0));
    assertTrue(lines.get(1).matches("nexttoken: openai <-- 200 POST \\S+ attempt 1 in \\d+ ms \\[.*"), lines.get(1));
    assertFalse(result.err().contains(KEY), result::toString);
    assertEquals("Paris", result.json().get("text").asText());
  }

  @Test
  void nextTokenLogTraceAddsTheBodies() {
    Cli.Result result = chat(new Cli().env("OPENAI_API_KEY", KEY).env("NEXTTOKEN_LOG", "trace"), false);

    assertTrue(result.err().contains("nexttoken: openai --> body ("), result.err());
    assertTrue(result.err().contains("\"content\":\"Capital of France?\""), result.err());
    assertTrue(result.err().contains("nexttoken: openai <-- body ("), result.err());
  }

  @Test
  void anUnknownLogLevelIsAUsageError() {
    Cli.Result result = new Cli().env("NEXTTOKEN_LOG", "loud").run("providers");

    assertEquals(ErrorReporter.USAGE, result.code());
    assertEquals("nexttoken: NEXTTOKEN_LOG must be debug, trace or off, was \"loud\"", result.err().strip());
  }

  private static JsonNode onlySpan(String err) throws IOException {
    List<JsonNode> spans = new ArrayList<>();
    for (JsonNode document : jsonLines(err)) {
      for (JsonNode scope : document.path("scopeSpans")) {
        scope.get("spans").forEach(spans::add);
      }
    }
    assertEquals(1, spans.size(), () -> "spans on stderr: " + err);
    return spans.get(0);
  }

  /** The stderr lines that are JSON documents: logging-otlp writes one resource's spans or metrics a line, in OTLP JSON. */
  private static List<JsonNode> jsonLines(String err) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    for (String line : err.lines().toList()) {
      if (line.startsWith("{")) {
        documents.add(JSON.readTree(line));
      }
    }
    return documents;
  }

  private static JsonNode attribute(JsonNode span, String key) {
    for (JsonNode attribute : span.get("attributes")) {
      if (attribute.get("key").asText().equals(key)) {
        return attribute.get("value");
      }
    }
    throw new AssertionError("no attribute " + key + " in " + span);
  }

  /** OTLP JSON writes 64-bit integers as strings. */
  private static long intAttribute(JsonNode span, String key) {
    return Long.parseLong(attribute(span, key).get("intValue").asText());
  }

  private static String stringAttribute(JsonNode span, String key) {
    return attribute(span, key).get("stringValue").asText();
  }
}
