package dev.nexttoken.cli;

import static dev.nexttoken.cli.KnownAnswerJson.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --provider openai} pointed at llama-server's OpenAI-compatible {@code /v1}: the same values as the native route. */
@ExtendWith(LlamaServerExtension.class)
class OpenAiAgainstLlamaServerCommandsTest {
  private static final int STEPS = 3;

  private final KnownAnswerModel truth;
  private final String v1;

  OpenAiAgainstLlamaServerCommandsTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.v1 = server.baseUrl() + "/v1";
  }

  @ParameterizedTest(name = "{0}, stream {1}")
  @CsvSource({"complete, false", "complete, true", "chat, false", "chat, true"})
  void reportsTheKnownDistribution(String command, boolean stream) {
    // No key in the environment: a compatible server at --base-url needs none.
    List<String> args = new ArrayList<>(List.of("--provider", "openai", "--base-url", v1, command, PROMPT,
        "--max-tokens", Integer.toString(STEPS), "--top-logprobs", "5", "--temperature", "0", "--format", "json"));
    if (stream) {
      args.add("--stream");
    }
    Cli.Result result = new Cli().run(args.toArray(String[]::new));
    assertEquals(0, result.code(), result::toString);
    JsonNode json = result.json();

    List<Integer> greedy = KnownAnswerJson.greedyIds(truth, STEPS);
    assertEquals("openai", json.get("provider").asText());
    assertEquals(KnownAnswerJson.text(truth, greedy), json.get("text").asText());
    assertEquals("length", json.get("finishReason").asText());
    assertEquals("length", json.get("finishReasonRaw").asText());
    assertEquals(greedy, KnownAnswerJson.assertTokens(truth, json.get("tokens"), 5));
  }
}
