package dev.nexttoken.cli;

import static dev.nexttoken.cli.KnownAnswerJson.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code complete}, {@code chat}, {@code walk} and {@code tokenize} end to end against a real llama-server
 * serving the known-answer model: every value of the JSON output must be the model's ground truth.
 */
@ExtendWith(LlamaServerExtension.class)
class LlamaCppCommandsTest {
  private static final int STEPS = 3;

  private final KnownAnswerModel truth;
  private final String url;
  private final Cli cli = new Cli();

  LlamaCppCommandsTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.url = server.baseUrl();
  }

  private Cli.Result generate(String command, boolean stream, String... extra) {
    List<String> args = new ArrayList<>(List.of("--provider", "llamacpp", "--base-url", url, command, PROMPT,
        "--max-tokens", Integer.toString(STEPS), "--top-logprobs", "5", "--format", "json"));
    args.addAll(Arrays.asList(extra));
    if (stream) {
      args.add("--stream");
    }
    Cli.Result result = cli.run(args.toArray(String[]::new));
    assertEquals(0, result.code(), result::toString);
    return result;
  }

  @ParameterizedTest(name = "{0}, stream {1}")
  @CsvSource({"complete, false", "complete, true", "chat, false", "chat, true"})
  void greedyGenerationReportsTheKnownDistribution(String command, boolean stream) {
    // The model's chat template concatenates the messages, so chat continues the same text.
    JsonNode json = generate(command, stream, "--temperature", "0").json();

    List<Integer> greedy = KnownAnswerJson.greedyIds(truth, STEPS);
    assertEquals("llamacpp", json.get("provider").asText());
    assertEquals(KnownAnswerJson.text(truth, greedy), json.get("text").asText());
    assertEquals("length", json.get("finishReason").asText());
    assertEquals(STEPS, json.get("usage").get("completionTokens").asInt());
    assertEquals(greedy, KnownAnswerJson.assertTokens(truth, json.get("tokens"), 5));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"complete", "chat"})
  void aStreamedDocumentIsTheNonStreamedOne(String command) {
    JsonNode whole = generate(command, false, "--temperature", "0").json();
    JsonNode streamed = generate(command, true, "--temperature", "0").json();

    assertEquals(whole, streamed);
  }

  @Test
  void withTheServersOwnSamplingEachTokenStillCarriesItsTrueDistribution() {
    // No --temperature: the server samples; whatever it picks, each position's numbers are the truth.
    JsonNode json = generate("complete", false).json();

    List<Integer> chosen = KnownAnswerJson.assertTokens(truth, json.get("tokens"), 5);
    assertEquals(STEPS, chosen.size());
    assertEquals(KnownAnswerJson.text(truth, chosen), json.get("text").asText());
  }

  @Test
  void globalOptionsMayFollowTheCommand() {
    Cli.Result before = cli.run("--provider", "llamacpp", "--base-url", url, "complete", PROMPT, "--max-tokens", "3",
        "--temperature", "0", "--format", "json");
    Cli.Result after = cli.run("complete", PROMPT, "--max-tokens", "3", "--temperature", "0", "--format", "json",
        "--provider", "llamacpp", "--base-url", url);

    assertEquals(0, before.code(), before::toString);
    assertEquals(0, after.code(), after::toString);
    // The same answer; only the cached tokens differ, the second call's prompt coming from the server's cache.
    assertEquals(withoutCachedTokens(before.json()), withoutCachedTokens(after.json()));
    assertEquals(KnownAnswerJson.text(truth, KnownAnswerJson.greedyIds(truth, 3)), after.json().get("text").asText());
  }

  @Test
  void greedyWalkFollowsTheArgmaxAndReportsEachStepsCandidates() {
    Cli.Result result = cli.run("--base-url", url, "walk", PROMPT, "--steps", "5", "--top", "5", "--format", "json");
    assertEquals(0, result.code(), result::toString);
    JsonNode steps = result.json().get("steps");

    List<Integer> greedy = KnownAnswerJson.greedyIds(truth, 5);
    assertEquals(5, steps.size());
    String prompt = PROMPT;
    int previous = KnownAnswerJson.lastPromptId(truth);
    for (int i = 0; i < 5; i++) {
      JsonNode step = steps.get(i);
      int id = greedy.get(i);
      assertEquals(prompt, step.get("prompt").asText(), "step " + i + " prompt");
      assertTrue(step.get("argmax").asBoolean());
      KnownAnswerJson.assertToken(truth, previous, id, step, "chosen", "step " + i);
      KnownAnswerJson.assertTop(truth, previous, 5, id, step, "step " + i);
      prompt += truth.tokenText(id);
      previous = id;
    }
    assertEquals(prompt, result.json().get("text").asText());
  }

  @Test
  void aSampledWalkWithTheSameSeedChoosesTheSameTokens() {
    String[] args = {"--base-url", url, "walk", PROMPT, "--steps", "5", "--top", "5", "--sample", "--seed", "11", "--format", "json"};
    Cli.Result first = cli.run(args);
    Cli.Result second = cli.run(args);
    assertEquals(0, first.code(), first::toString);
    assertEquals(0, second.code(), second::toString);

    assertEquals(chosen(first.json()), chosen(second.json()));
    assertEquals(first.json().get("text"), second.json().get("text"));
    // Whatever was sampled, each step shows the true distribution after the token chosen before it.
    int previous = KnownAnswerJson.lastPromptId(truth);
    for (JsonNode step : first.json().get("steps")) {
      int id = step.get("id").asInt();
      KnownAnswerJson.assertTop(truth, previous, 5, id, step, "step " + step.get("step"));
      previous = id;
    }
  }

  private static List<String> chosen(JsonNode walk) {
    List<String> chosen = new ArrayList<>();
    walk.get("steps").forEach(s -> chosen.add(s.get("chosen").asText()));
    return chosen;
  }

  @Test
  void tokenizeShowsTheModelsIds() {
    Cli.Result result = cli.run("--base-url", url, "tokenize", PROMPT, "--format", "json");
    assertEquals(0, result.code(), result::toString);

    List<Integer> ids = new ArrayList<>();
    List<String> pieces = new ArrayList<>();
    result.json().get("tokens").forEach(t -> {
      ids.add(t.get("id").asInt());
      pieces.add(t.get("piece").asText());
    });
    assertEquals(Arrays.stream(truth.tokenize(PROMPT)).boxed().toList(), ids);
    assertEquals(ids.stream().map(truth::tokenText).toList(), pieces);
  }

  @Test
  void tableOutputToAPipeHasNoColourCodes() {
    Cli.Result result = cli.run("--base-url", url, "complete", PROMPT, "--max-tokens", "2", "--temperature", "0");

    assertEquals(0, result.code(), result::toString);
    assertFalse(result.out().contains("\u001b["), result::toString);
    assertTrue(result.out().startsWith(KnownAnswerJson.text(truth, KnownAnswerJson.greedyIds(truth, 2))), result::toString);
  }

  @Test
  void streamedTextIsPrintedAsItArrivesAndEqualsTheWholeAnswer() {
    Cli.Result streamed = cli.run("--base-url", url, "complete", PROMPT, "--max-tokens", "3", "--temperature", "0", "--format", "text", "--stream");
    Cli.Result whole = cli.run("--base-url", url, "complete", PROMPT, "--max-tokens", "3", "--temperature", "0", "--format", "text");

    assertEquals(0, streamed.code(), streamed::toString);
    assertEquals(KnownAnswerJson.text(truth, KnownAnswerJson.greedyIds(truth, 3)) + System.lineSeparator(), streamed.out());
    assertEquals(whole.out(), streamed.out());
  }

  private static JsonNode withoutCachedTokens(JsonNode json) {
    ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("usage")).remove("cachedTokens");
    return json;
  }
}
