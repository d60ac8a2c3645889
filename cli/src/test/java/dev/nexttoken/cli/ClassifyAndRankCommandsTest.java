package dev.nexttoken.cli;

import static dev.nexttoken.cli.KnownAnswerJson.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * {@code classify} and {@code rank} against a real llama-server serving the known-answer model: every
 * logprob and probability is the model's own, to 1e-5.
 */
@ExtendWith(LlamaServerExtension.class)
class ClassifyAndRankCommandsTest {
  private static final double TOLERANCE = 1e-5;

  private final KnownAnswerModel truth;
  private final String url;
  private final Cli cli = new Cli();

  ClassifyAndRankCommandsTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.url = server.baseUrl();
  }

  private JsonNode run(String... args) {
    List<String> all = new ArrayList<>(List.of("--base-url", url));
    all.addAll(Arrays.asList(args));
    all.addAll(List.of("--format", "json"));
    Cli.Result result = cli.run(all.toArray(String[]::new));
    assertEquals(0, result.code(), result::toString);
    return result.json();
  }

  /** Asserts each label's logprob is {@code expected[i]} and its prob the normalised share. */
  private static void assertLabels(JsonNode json, List<String> labels, double[] expected) {
    double sum = Arrays.stream(expected).map(Math::exp).sum();
    JsonNode entries = json.get("labels");
    assertEquals(labels.size(), entries.size());
    int best = 0;
    for (int i = 0; i < labels.size(); i++) {
      JsonNode e = entries.get(i);
      assertEquals(labels.get(i), e.get("label").asText(), "labels keep their leading spaces");
      assertEquals(expected[i], e.get("logprob").asDouble(), TOLERANCE, labels.get(i) + " logprob");
      assertEquals(Math.exp(expected[i]) / sum, e.get("prob").asDouble(), TOLERANCE, labels.get(i) + " prob");
      best = expected[i] > expected[best] ? i : best;
    }
    assertEquals(labels.get(best), json.get("best").asText());
  }

  @Test
  void singleTokenLabelsAreScoredExactly() {
    List<String> labels = List.of(" the", " used", " how");
    JsonNode json = run("classify", PROMPT, "--label", " the", "--label", " used", "--label", " how");

    assertEquals("exact", json.get("method").asText());
    int is = truth.lastId(PROMPT);
    assertLabels(json, labels, labels.stream().mapToDouble(l -> truth.logprob(is, truth.tokenId(l))).toArray());
    double mass = labels.stream().mapToDouble(l -> Math.exp(truth.logprob(is, truth.tokenId(l)))).sum();
    assertEquals(mass, json.get("labelMass").asDouble(), TOLERANCE);
  }

  @Test
  void multiTokenLabelsCountEveryToken() {
    List<String> labels = List.of(" the machine learning platform", " used to train models", " the lecture");
    List<String> args = new ArrayList<>(List.of("classify", PROMPT));
    labels.forEach(l -> args.addAll(List.of("--label", l)));
    JsonNode json = run(args.toArray(String[]::new));

    assertEquals("exact", json.get("method").asText());
    assertLabels(json, labels, labels.stream().mapToDouble(l -> truth.logprob(PROMPT, l)).toArray());
    assertEquals(4, json.get("labels").get(0).get("tokens").asInt());
  }

  @Test
  void aConversationIsClassifiedByItsFirstToken() {
    // The model's chat template joins the messages: the answer continues the prompt's text.
    List<String> labels = List.of(" the machine", " used");
    JsonNode json = run("classify", PROMPT, "--chat", "--label", " the machine", "--label", " used");

    assertEquals("first-token", json.get("method").asText());
    int is = truth.lastId(PROMPT);
    assertLabels(json, labels, new double[] {truth.logprob(is, truth.tokenId(" the")), truth.logprob(is, truth.tokenId(" used"))});
    assertEquals(" the", json.get("labels").get(0).get("token").asText(), "the candidate that stood for the label");
    double covered = truth.topK(is, 20).stream().mapToDouble(KnownAnswerModel.Candidate::probability).sum();
    assertEquals(1 - covered, json.get("unseenMass").asDouble(), 20 * TOLERANCE);
  }

  @Test
  void aLabelOutsideTheListedCandidatesHasNoProbability() {
    int is = truth.lastId(PROMPT);
    String unlisted = truth.topK(is, 30).get(29).token();
    JsonNode json = run("classify", PROMPT, "--method", "first-token", "--top-logprobs", "20", "--label", " the", "--label", unlisted);

    assertEquals("first-token", json.get("method").asText());
    assertTrue(json.get("labels").get(1).get("logprob").isNull(), json::toString);
    assertTrue(json.get("labels").get(1).get("prob").isNull(), json::toString);
    assertEquals(1.0, json.get("labels").get(0).get("prob").asDouble(), 1e-12, "normalised over the labels that are known");
  }

  @Test
  void underTheAbstainThresholdThereIsNoBestLabel() {
    JsonNode json = run("classify", PROMPT, "--label", " the", "--label", " used", "--abstain-below", "0.99");

    assertTrue(json.get("best").isNull(), json::toString);
    assertTrue(json.get("abstained").asBoolean());
    assertEquals(" the", json.get("top").asText());
  }

  @Test
  void rankGivesEachChoicesLoglikelihoodInTotalAndPerToken() {
    List<String> choices = List.of(" the machine learning platform", " used to train models", " the lecture");
    List<String> args = new ArrayList<>(List.of("rank", PROMPT));
    choices.forEach(c -> args.addAll(List.of("--choice", c)));
    JsonNode json = run(args.toArray(String[]::new));

    JsonNode entries = json.get("choices");
    String best = null;
    String bestNormalized = null;
    double bestTotal = Double.NEGATIVE_INFINITY;
    double bestMean = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < choices.size(); i++) {
      String choice = choices.get(i);
      double total = truth.logprob(PROMPT, choice);
      int tokens = truth.continuationIds(PROMPT, choice).length;
      JsonNode e = entries.get(i);
      assertEquals(choice, e.get("choice").asText());
      assertEquals(total, e.get("logprob").asDouble(), TOLERANCE, choice);
      assertEquals(tokens, e.get("tokens").asInt(), choice);
      assertEquals(total / tokens, e.get("meanLogprob").asDouble(), TOLERANCE, choice);
      if (total > bestTotal) {
        bestTotal = total;
        best = choice;
      }
      if (total / tokens > bestMean) {
        bestMean = total / tokens;
        bestNormalized = choice;
      }
    }
    assertEquals(best, json.get("best").asText());
    assertEquals(bestNormalized, json.get("bestNormalized").asText());
  }

  @Test
  void theTableShowsEachLabelAndTheBest() {
    Cli.Result result = cli.run("--base-url", url, "classify", PROMPT, "--label", " the", "--label", " used");

    assertEquals(0, result.code(), result::toString);
    assertTrue(result.out().contains("best: \" the\"  method: exact"), result.out());
  }

  @Test
  void aProviderThatCannotSaysSoBeforeSendingAnything() {
    // Nothing listens on port 9: a request would fail as a connection error (exit 1), not a usage error.
    Cli.Result cohere = new Cli().env("CO_API_KEY", "co-test").run("--provider", "cohere", "--base-url", "http://127.0.0.1:9/",
        "classify", PROMPT, "--chat", "--label", " the", "--label", " used");
    assertEquals(ErrorReporter.USAGE, cohere.code(), cohere::toString);
    assertTrue(cohere.err().contains("needs the alternatives to the generated token, which cohere's chat does not report"), cohere::toString);

    Cli.Result rank = new Cli().env("CO_API_KEY", "co-test").run("--provider", "cohere", "--base-url", "http://127.0.0.1:9/",
        "rank", PROMPT, "--choice", " the");
    assertEquals(ErrorReporter.USAGE, rank.code(), rank::toString);
    assertTrue(rank.err().contains("ranking continuations needs exact scoring of a given text, which cohere cannot do"), rank::toString);
  }

  @Test
  void badOptionsAreRefusedNamingTheOption() {
    Cli.Result one = cli.run("--base-url", url, "classify", PROMPT, "--label", " the");
    assertEquals(ErrorReporter.USAGE, one.code());
    assertTrue(one.err().contains("give at least two labels"), one::toString);
    Cli.Result exactChat = cli.run("--base-url", url, "classify", PROMPT, "--chat", "--method", "exact", "--label", " a", "--label", " b");
    assertEquals(ErrorReporter.USAGE, exactChat.code());
    assertTrue(exactChat.err().contains("with --chat only first-token is possible"), exactChat::toString);
    Cli.Result format = cli.run("--base-url", url, "rank", PROMPT, "--choice", " a", "--format", "csv");
    assertEquals(ErrorReporter.USAGE, format.code());
    assertTrue(format.err().contains("rank: --format csv is not offered"), format::toString);
  }
}
