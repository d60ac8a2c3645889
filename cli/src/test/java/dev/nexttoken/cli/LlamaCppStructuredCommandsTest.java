package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.testkit.JsonCorpus;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.JsonModel;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chat --json-schema} and {@code chat --tools} end to end against a real llama-server serving the known-answer
 * JSON model with {@code --jinja}: the fields' figures are the model's own probabilities of each value (the pieces
 * overlapping it, before the grammar, which is what the server reports), and the tool calls are the model's.
 */
@ExtendWith(LlamaServerExtension.class)
class LlamaCppStructuredCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KnownAnswerModel json;
  private final String url;
  private final Cli cli = new Cli();
  @TempDir Path dir;

  LlamaCppStructuredCommandsTest(@JsonModel LlamaServer server, @JsonModel KnownAnswerModel json) {
    this.json = json;
    this.url = server.baseUrl();
  }

  private Cli.Result chat(String prompt, boolean stream, String... extra) {
    List<String> args = new ArrayList<>(List.of("--provider", "llamacpp", "--base-url", url, "chat", prompt,
        "--max-tokens", "40", "--temperature", "0", "--format", "json"));
    args.addAll(List.of(extra));
    if (stream) {
      args.add("--stream");
    }
    Cli.Result result = cli.run(args.toArray(String[]::new));
    assertEquals(0, result.code(), result::toString);
    return result;
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void everyFieldsLogprobIsTheModelsOwn(boolean stream) throws Exception {
    Path schema = Files.writeString(dir.resolve("city.json"), JsonCorpus.CITY_SCHEMA);

    JsonNode out = chat(JsonCorpus.CITY_PROMPT, stream, "--json-schema", schema.toString(), "--top-logprobs", "1").json();

    assertEquals(JSON.readTree("{\"city\":\"Oslo\",\"country\":\"Norway\",\"population\":709000,\"capital\":true}"), out.get("json"));
    assertEquals(0, out.get("schemaViolations").size());
    // The greedy walk, piece by piece: each value is one piece, and no structural piece overlaps a value.
    List<KnownAnswerModel.Candidate> walk = json.greedyWalk(JsonCorpus.CITY_PROMPT, 40);
    JsonNode fields = out.get("fields");
    List<String> values = List.of("Oslo", "Norway", "709000", "true");
    assertEquals(values.size(), fields.size(), fields::toString);
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      KnownAnswerModel.Candidate piece = walk.stream().filter(c -> c.token().equals(value)).findFirst().orElseThrow();
      JsonNode field = fields.get(i);
      assertEquals(value, field.get("value").asText());
      assertEquals(piece.logprob(), field.get("logprob").asDouble(), 1e-5, field::toString);
      assertEquals(piece.probability(), field.get("prob").asDouble(), 1e-5, field::toString);
      assertEquals(1, field.get("tokenCount").asInt());
    }
  }

  @Test
  void theToolCallIsTheModels() throws Exception {
    String tools = "[{\"name\":\"" + JsonCorpus.GET_WEATHER + "\",\"description\":\"weather\",\"parameters\":"
        + JsonCorpus.CITY_PARAMETERS + "}]";
    Path file = Files.writeString(dir.resolve("tools.json"), tools);

    JsonNode out = chat(JsonCorpus.WEATHER_PROMPT, false, "--tools", file.toString()).json();

    assertEquals("tool_calls", out.get("finishReason").asText(), out::toString);
    JsonNode calls = out.get("toolCalls");
    assertEquals(1, calls.size(), calls::toString);
    assertEquals(JsonCorpus.GET_WEATHER, calls.get(0).get("name").asText());
    assertEquals(JSON.readTree("{\"city\":\"Tokyo\"}"), JSON.readTree(calls.get(0).get("arguments").asText()));
    assertTrue(!calls.get(0).get("id").asText().isEmpty());
  }
}
