package dev.nexttoken.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.llamacpp.LlamaCppModel;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on a real llama-server serving the known-answer model: every figure in the rows and the
 * summary is derived from the model's own distributions.
 */
@ExtendWith(LlamaServerExtension.class)
class KnownAnswerEvaluationTest {
  static final String PROMPT = "Weights and Biases is";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KnownAnswerModel truth;
  private final LlamaCppModel model;
  @TempDir Path dir;

  KnownAnswerEvaluationTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.model = LlamaCppModel.builder().baseUrl(server.baseUrl()).retry(RetrySettings.NONE).build();
  }

  @AfterEach
  void close() {
    model.close();
  }

  static List<JsonNode> rows(Path results) throws IOException {
    return Files.readAllLines(results).stream().map(line -> {
      try {
        return JSON.readTree(line);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
  }

  private String greedyText(String prompt, int steps) {
    StringBuilder s = new StringBuilder();
    truth.greedyWalk(prompt, steps).forEach(c -> s.append(truth.tokenText(c.id())));
    return s.toString();
  }

  @Test
  void everyKindOfItemGetsTheModelsOwnAnswerAndTheSummaryItsFigures() throws IOException {
    Path data = Files.write(dir.resolve("items.jsonl"), List.of(
        "{\"id\": \"g\", \"prompt\": \"" + PROMPT + "\", \"maxTokens\": 3, \"temperature\": 0, \"topLogprobs\": 3}",
        "{\"id\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"" + PROMPT + "\"}], \"maxTokens\": 3, \"temperature\": 0}",
        "{\"id\": \"s\", \"prompt\": \"" + PROMPT + "\", \"text\": \" the machine learning platform\"}",
        "{\"id\": \"right\", \"prompt\": \"" + PROMPT + "\", \"labels\": [\" the\", \" lecture\"], \"gold\": \" the\"}",
        "{\"id\": \"wrong\", \"prompt\": \"" + PROMPT + "\", \"labels\": [\" the\", \" lecture\"], \"gold\": \" lecture\"}"));
    EvalOutcome outcome = Evaluation.builder().items(Dataset.read(data)).target(Target.of("llamacpp", model)).out(dir.resolve("out"))
        .build().run();

    assertEquals(EvalOutcome.Status.COMPLETE, outcome.status());
    assertEquals(5, outcome.written());
    Map<String, JsonNode> byId = new HashMap<>();
    rows(dir.resolve("out/results.jsonl")).forEach(r -> byId.put(r.get("id").asText(), r));
    assertEquals(5, byId.size());

    JsonNode g = byId.get("g");
    assertEquals("llamacpp", g.get("target").asText());
    assertEquals("generate", g.get("kind").asText());
    assertEquals(greedyText(PROMPT, 3), g.get("text").asText());
    assertEquals("length", g.get("finishReason").asText());
    assertEquals(3, g.get("usage").get("completionTokens").asInt());
    assertEquals(3, g.get("tokens").size());
    assertEquals(3, g.get("tokens").get(0).get("top").size());
    assertTrue(g.get("error").isNull());
    assertEquals(1, g.get("attempts").asInt());
    assertEquals(0.0, g.get("cost").asDouble(), "a self-hosted server costs nothing");
    // The chosen tokens' own logprobs, from the model: greedy picks each step's argmax.
    double logprob = 0;
    for (KnownAnswerModel.Candidate c : truth.greedyWalk(PROMPT, 3)) {
      logprob += c.logprob();
    }
    assertEquals(Math.exp(-logprob / 3), g.get("stats").get("perplexity").asDouble(), 1e-4);

    assertEquals(greedyText(PROMPT, 3), byId.get("m").get("text").asText(), "the chat template concatenates the messages");

    JsonNode s = byId.get("s");
    int scoredTokens = truth.continuationIds(PROMPT, " the machine learning platform").length;
    double total = truth.logprob(PROMPT, " the machine learning platform");
    assertEquals(scoredTokens, s.get("tokens").size());
    assertEquals(Math.exp(-total / scoredTokens), s.get("stats").get("perplexity").asDouble(), 1e-4);

    String predicted = truth.logprob(PROMPT, " the") > truth.logprob(PROMPT, " lecture") ? " the" : " lecture";
    assertTrue(byId.get("right").get("error").isNull(), () -> byId.get("right").toString());
    assertEquals(" the", predicted, "the corpus continues the prompt with \" the\"");
    assertEquals(predicted, byId.get("right").get("predicted").asText());
    assertTrue(byId.get("right").get("correct").asBoolean());
    assertEquals(false, byId.get("wrong").get("correct").asBoolean());
    assertEquals(truth.logprob(PROMPT, " lecture"), byId.get("right").get("labels").get(1).get("logprob").asDouble(), 1e-4);

    JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
    assertEquals("complete", summary.get("status").asText());
    JsonNode target = summary.get("targets").get(0);
    assertEquals(5, target.get("rows").asInt());
    assertEquals(0, target.get("errorRows").asInt());
    assertEquals(0.5, target.get("classification").get("accuracy").asDouble(), "one of two gold labels is the model's pick");
    assertEquals(3, target.get("perplexityRows").asInt(), "two generated answers and one scored text");
    double pLecture = 1 / (1 + Math.exp(truth.logprob(PROMPT, " the") - truth.logprob(PROMPT, " lecture")));
    // Brier over the two items: the gold " the" one, then the gold " lecture" one.
    double brier = (2 * pLecture * pLecture + 2 * (1 - pLecture) * (1 - pLecture)) / 2;
    assertEquals(brier, target.get("classification").get("brier").asDouble(), 1e-6);
    assertTrue(Files.size(dir.resolve("out/report.html")) > 0);
  }

  @Test
  void twoTargetsOnTheSameModelAgreeOnEveryAnswer() throws IOException {
    List<EvalItem> items = List.of(
        EvalItem.generate("1", PROMPT).withOptions(4, 0.0, 2),
        EvalItem.generate("2", "A language model").withOptions(4, 0.0, 2),
        EvalItem.classify("3", PROMPT, List.of(" the", " used"), " the"));
    Evaluation.builder().items(items).target(Target.of("a", model)).target(Target.of("b", model)).out(dir.resolve("out")).build().run();

    JsonNode pair = JSON.readTree(dir.resolve("out/summary.json").toFile()).get("agreement").get(0);
    assertEquals("a", pair.get("a").asText());
    assertEquals(3, pair.get("items").asInt());
    assertEquals(1.0, pair.get("sameAnswerRate").asDouble());
    assertEquals(2, pair.get("tokenItems").asInt());
    assertEquals(1.0, pair.get("meanTop1Agreement").asDouble());
  }

  @Test
  void anItemTheTargetCannotServeIsARowWithTheErrorAndTheRunGoesOn() throws IOException {
    List<EvalItem> items = List.of(EvalItem.generate("big", PROMPT).withOptions(2, 0.0, 10_000), EvalItem.generate("ok", PROMPT).withOptions(2, 0.0, null));
    EvalOutcome outcome = Evaluation.builder().items(items).target(Target.of("llamacpp", model)).out(dir.resolve("out")).build().run();

    assertEquals(EvalOutcome.Status.COMPLETE, outcome.status());
    assertEquals(0, outcome.errors(), "an over-large topLogprobs is capped at what the target reports");
    assertEquals(2, rows(dir.resolve("out/results.jsonl")).size());
  }

  @Test
  void aNonEmptyDirectoryIsRefusedWithoutResumeAndNothingIsOverwritten() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("results.jsonl"), "keep me\n");
    Evaluation evaluation = Evaluation.builder().items(List.of(EvalItem.generate("1", PROMPT))).target(Target.of("llamacpp", model)).out(out).build();

    EvalInputException e = assertThrows(EvalInputException.class, evaluation::run);
    assertTrue(e.getMessage().contains("is not empty; pass --resume"), e.getMessage());
    assertEquals("keep me\n", Files.readString(out.resolve("results.jsonl")));
  }
}
