package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chat --tools}, {@code --json-schema}, {@code --image}, {@code --n}, {@code --logit-bias}
 * against MockWebServer with OpenAI-shaped fixtures: what is sent, and what the JSON document says.
 */
class ToolsAndStructuredOutputCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
      + "\"units\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]}},\"required\":[\"city\",\"units\"],\"additionalProperties\":false}";
  private static final String TOOLS = "[{\"name\":\"get_weather\",\"description\":\"Weather in a city\",\"parameters\":"
      + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}},"
      + "{\"name\":\"get_price\",\"description\":\"A stock's price\",\"parameters\":{\"type\":\"object\",\"properties\":"
      + "{\"symbol\":{\"type\":\"string\"}}}}]";

  private final MockWebServer server = new MockWebServer();
  private final Cli cli = new Cli().env("OPENAI_API_KEY", OpenAiFixtureCommandsTest.KEY);
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Cli.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("--provider", "openai", "--base-url", server.url("/v1").toString(),
        "--model", "gpt-4o-2024-08-06"));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private JsonNode sentBody() throws Exception {
    RecordedRequest request = server.takeRequest();
    return JSON.readTree(request.getBody().utf8());
  }

  /** The fields' figures come from the fixture's own tokens: the value tokens only, never the forced structure. */
  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void jsonSchemaGivesTheParsedAnswerAndEachFieldsConfidence(boolean stream) throws Exception {
    String fixture = stream ? "stream-structured-logprobs.sse" : "structured-logprobs.json";
    String body = Fixtures.read("openai", "chat", fixture);
    server.enqueue(stream ? Fixtures.sse(body) : Fixtures.json(200, body));
    List<String> args = new ArrayList<>(List.of("chat", "Weather in Oslo?", "--json-schema",
        file("weather.json", SCHEMA).toString(), "--top-logprobs", "2", "--format", "json"));
    if (stream) {
      args.add("--stream");
    }

    Cli.Result result = run(args.toArray(String[]::new));

    assertEquals(0, result.code(), result::toString);
    JsonNode out = result.json();
    assertEquals(JSON.readTree("{\"city\":\"Oslo\",\"units\":\"c\"}"), out.get("json"));
    assertTrue(out.get("jsonError").isNull());
    assertEquals(0, out.get("schemaViolations").size());
    JsonNode fields = out.get("fields");
    assertEquals(2, fields.size(), fields::toString);
    // Os -0.2 + lo -0.01 in the fixture; c -0.6; every structural token is 0.0 there and must not matter anyway.
    assertField(fields.get(0), "$.city", "Oslo", -0.21, "Os");
    assertField(fields.get(1), "$.units", "c", -0.6, "c");
    JsonNode sent = sentBody();
    assertEquals("json_schema", sent.at("/response_format/type").asText(), sent::toString);
    assertEquals(JSON.readTree(SCHEMA), sent.at("/response_format/json_schema/schema"));
  }

  private static void assertField(JsonNode field, String path, String value, double logprob, String leastLikely) {
    assertEquals(path, field.get("path").asText());
    assertEquals(value, field.get("value").asText());
    assertEquals(logprob, field.get("logprob").asDouble(), 1e-12);
    assertEquals(Math.exp(logprob), field.get("prob").asDouble(), 1e-12);
    assertEquals(leastLikely, field.at("/leastLikely/token").asText());
  }

  @Test
  void theHumanFormatsShowTheFields() throws Exception {
    Path schema = file("weather.json", SCHEMA);
    for (String format : List.of("table", "markdown", "html")) {
      server.enqueue(Fixtures.json(200, Fixtures.read("openai", "chat", "structured-logprobs.json")));
      Cli.Result result = run("chat", "Weather in Oslo?", "--json-schema", schema.toString(), "--format", format,
          "--out", dir.resolve("r.html").toString());
      assertEquals(0, result.code(), result::toString);
      String shown = format.equals("html") ? Files.readString(dir.resolve("r.html")) : result.out();
      assertTrue(shown.contains("$.city") && shown.contains("$.units"), () -> format + ": " + shown);
      if (format.equals("html")) {
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(shown);
        org.jsoup.nodes.Element city = page.selectFirst("span.field[data-path=$.city]");
        assertEquals("Oslo", city.text());
        assertEquals(Math.exp(-0.21), Double.parseDouble(city.attr("data-prob")), 1e-12);
      }
    }
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void toolsAreSentAsGivenAndParallelCallsComeBackAsSent(boolean stream) throws Exception {
    server.enqueue(stream ? Fixtures.sse(Fixtures.read("openai", "chat", "stream-tool-calls-parallel.sse"))
        : Fixtures.json(200, Fixtures.read("openai", "chat", "tool-calls-parallel.json")));
    List<String> args = new ArrayList<>(List.of("chat", "Weather in Oslo, and AAPL?", "--tools", file("tools.json", TOOLS).toString(),
        "--format", "json"));
    if (stream) {
      args.add("--stream");
    }

    Cli.Result result = run(args.toArray(String[]::new));

    assertEquals(0, result.code(), result::toString);
    JsonNode out = result.json();
    assertEquals("tool_calls", out.get("finishReason").asText());
    JsonNode calls = out.get("toolCalls");
    assertEquals(2, calls.size(), calls::toString);
    assertEquals("call_w1", calls.get(0).get("id").asText());
    assertEquals("get_weather", calls.get(0).get("name").asText());
    assertEquals("{\"city\":\"Oslo\"}", calls.get(0).get("arguments").asText());
    assertEquals("call_p2", calls.get(1).get("id").asText());
    assertEquals("{\"symbol\":\"AAPL\"}", calls.get(1).get("arguments").asText());
    JsonNode sent = sentBody();
    JsonNode tools = JSON.readTree(TOOLS);
    for (int i = 0; i < 2; i++) {
      assertEquals("function", sent.at("/tools/" + i + "/type").asText());
      assertEquals(tools.get(i).get("name"), sent.at("/tools/" + i + "/function/name"));
      assertEquals(tools.get(i).get("description"), sent.at("/tools/" + i + "/function/description"));
      assertEquals(tools.get(i).get("parameters"), sent.at("/tools/" + i + "/function/parameters"));
    }
  }

  @Test
  void imagesNAndLogitBiasReachTheRequest() throws Exception {
    server.enqueue(Fixtures.json(200, Fixtures.read("openai", "chat", "logprobs.json")));
    Path png = Files.write(dir.resolve("dot.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    Cli.Result result = run("chat", "What is this?", "--image", png.toString(), "--image", "https://example.test/cat.jpg",
        "--n", "2", "--logit-bias", "{\"15339\": -100}", "--format", "json");

    assertEquals(0, result.code(), result::toString);
    JsonNode sent = sentBody();
    JsonNode content = sent.at("/messages/0/content");
    assertEquals("text", content.get(0).get("type").asText(), sent::toString);
    assertEquals("What is this?", content.get(0).get("text").asText());
    assertEquals("data:image/png;base64,iVBORw==", content.get(1).at("/image_url/url").asText());
    assertEquals("https://example.test/cat.jpg", content.get(2).at("/image_url/url").asText());
    assertEquals(2, sent.get("n").asInt());
    assertEquals(-100, sent.at("/logit_bias/15339").asInt());
  }

  @Test
  void badInputsAreOneLineErrorsBeforeAnythingIsSent() throws Exception {
    Path notJson = file("bad.json", "{\"name\": ");
    Path noName = file("noname.json", "[{\"description\":\"x\"}]");
    String[][] cases = {
      {"chat", "hi", "--tools", notJson.toString()},
      {"chat", "hi", "--tools", noName.toString()},
      {"chat", "hi", "--tools", dir.resolve("missing.json").toString()},
      {"chat", "hi", "--json-schema", file("arr.json", "[1]").toString()},
      {"chat", "hi", "--tool-choice", "required"},
      {"chat", "hi", "--strict"},
      {"chat", "hi", "--n", "0"},
      {"chat", "hi", "--logit-bias", "{\"x\": \"y\"}"},
      {"chat", "hi", "--reasoning-effort", "max"},
      {"chat", "hi", "--image", dir.resolve("pic.bmp").toString()},
    };
    for (String[] args : cases) {
      Cli.Result result = run(args);
      assertEquals(2, result.code(), () -> String.join(" ", args) + ": " + result);
      assertEquals(1, result.err().strip().lines().count(), () -> String.join(" ", args) + ": " + result);
    }
    assertEquals(0, server.getRequestCount(), "nothing was sent");
  }
}
