package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code nexttoken score}: against a real llama-server serving the known-answer model every value must be the
 * ground truth; against OpenAI's documented echo response (MockWebServer) the request and the output are checked.
 */
class ScoreCommandTest {
  /** Not in the corpus: "the lecture" is a rare bigram. */
  private static final String SENTENCE = "Weights and Biases is the lecture";

  @Nested
  @ExtendWith(LlamaServerExtension.class)
  class AgainstTheRealServer {
    private final KnownAnswerModel truth;
    private final String url;

    AgainstTheRealServer(LlamaServer server, KnownAnswerModel truth) {
      this.truth = truth;
      this.url = server.baseUrl();
    }

    private Cli.Result score(String... args) {
      List<String> all = new ArrayList<>(List.of("--provider", "llamacpp", "--base-url", url, "score"));
      all.addAll(Arrays.asList(args));
      Cli.Result result = new Cli().run(all.toArray(String[]::new));
      assertEquals(0, result.code(), result::toString);
      return result;
    }

    @Test
    void everyTokenOfTheTextHasItsTrueLogprobAndAlternatives() {
      JsonNode json = score(SENTENCE, "--top-logprobs", "3", "--format", "json").json();

      int[] ids = truth.tokenize(SENTENCE);
      assertEquals("llamacpp", json.get("provider").asText());
      assertEquals(SENTENCE, json.get("text").asText());
      assertEquals("", json.get("prompt").asText());
      assertTruth(json, ids, truth.bosId(), 3);
    }

    @Test
    void withAPromptOnlyTheContinuationIsScoredAfterIt() {
      String prompt = "Weights and Biases is";
      JsonNode json = score(" the lecture", "--prompt", prompt, "--top-logprobs", "2", "--format", "json").json();

      int[] promptIds = truth.tokenize(prompt);
      int[] all = truth.tokenize(SENTENCE);
      assertTruth(json, Arrays.copyOfRange(all, promptIds.length, all.length), promptIds[promptIds.length - 1], 2);
    }

    @Test
    void theTableShowsEachTokensRankAndEndsWithTheStatistics() {
      Cli.Result result = score(SENTENCE, "--no-color");

      double total = 0;
      int previous = truth.bosId();
      for (int id : truth.tokenize(SENTENCE)) {
        total += truth.logprob(previous, id);
        previous = id;
      }
      String[] lines = result.out().strip().split("\n");
      assertTrue(lines[lines.length - 2].startsWith("text: ␣Weights␣and␣Biases␣is␣the␣lecture"), result::toString);
      assertTrue(lines[lines.length - 3].matches("5 +␣lecture .* >5 .*"), "\" lecture\" is not among the top 5: " + result);
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("tokens: 6 \\(logprob known for 6\\) +total logprob: (\\S+) +mean: (\\S+) +perplexity: (\\S+)")
          .matcher(lines[lines.length - 1]);
      assertTrue(m.matches(), result::toString);
      // Printed to 4 decimals.
      assertEquals(total, Double.parseDouble(m.group(1)), 1e-4);
      assertEquals(total / 6, Double.parseDouble(m.group(2)), 1e-4);
      assertEquals(Math.exp(-total / 6), Double.parseDouble(m.group(3)), 1e-4);
    }

    /** Each entry is the truth after the token before it; total, mean and perplexity are the truth's. */
    private void assertTruth(JsonNode json, int[] ids, int previous, int k) {
      JsonNode tokens = json.get("tokens");
      assertEquals(ids.length, tokens.size(), tokens::toString);
      double total = 0;
      for (int i = 0; i < ids.length; i++) {
        JsonNode entry = tokens.get(i);
        KnownAnswerJson.assertToken(truth, previous, ids[i], entry, "token " + i);
        KnownAnswerJson.assertTop(truth, previous, k, ids[i], entry, "token " + i);
        total += truth.logprob(previous, ids[i]);
        previous = ids[i];
      }
      double mean = total / ids.length;
      assertEquals(total, json.get("totalLogprob").asDouble(), 1e-4);
      assertEquals(mean, json.get("meanLogprob").asDouble(), 1e-5);
      assertEquals(Math.exp(-mean), json.get("perplexity").asDouble(), Math.exp(-mean) * 1e-5);
      assertEquals(json.get("perplexity"), json.get("stats").get("perplexity"));
    }
  }

  @Nested
  class AgainstOpenAiEcho {
    private static final String KEY = "sk-cli-score-SECRET";

    private final MockWebServer server = new MockWebServer();
    private final Cli cli = new Cli().env("OPENAI_API_KEY", KEY);

    @BeforeEach
    void start() throws Exception {
      server.start();
      server.enqueue(Fixtures.json(200, Fixtures.read("openai", "completions", "score.json")));
    }

    @AfterEach
    void stop() {
      server.close();
    }

    private Cli.Result score(String... args) {
      List<String> all = new ArrayList<>(List.of("--provider", "openai", "--base-url", server.url("/v1").toString(),
          "--model", "davinci-002", "score"));
      all.addAll(Arrays.asList(args));
      return cli.run(all.toArray(String[]::new));
    }

    @Test
    void scoresTheContinuationFromTheEchoedPrompt() throws Exception {
      Cli.Result result = score(" Paris", "--prompt", "The capital of France is", "--top-logprobs", "2", "--format", "json");

      assertEquals(0, result.code(), result::toString);
      RecordedRequest request = server.takeRequest();
      assertEquals("/v1/completions", request.getUrl().encodedPath());
      assertEquals(new ObjectMapper().readTree(
          "{\"model\":\"davinci-002\",\"prompt\":\"The capital of France is Paris\",\"max_tokens\":0,\"logprobs\":2,\"echo\":true}"),
          new ObjectMapper().readTree(request.getBody().utf8()));
      JsonNode json = result.json();
      assertEquals("openai", json.get("provider").asText());
      assertEquals("davinci-002", json.get("model").asText());
      JsonNode tokens = json.get("tokens");
      assertEquals(1, tokens.size());
      JsonNode paris = tokens.get(0);
      assertEquals(" Paris", paris.get("token").asText());
      assertTrue(paris.get("id").isNull() && paris.get("bytes").isNull(), "OpenAI reports neither ids nor bytes");
      assertEquals(-1.21, paris.get("logprob").asDouble());
      assertEquals(Math.exp(-1.21), paris.get("prob").asDouble(), 1e-15);
      assertEquals(1, paris.get("rank").asInt());
      assertEquals(List.of(" Paris", " a"), List.of(paris.get("top").get(0).get("token").asText(), paris.get("top").get(1).get("token").asText()));
      assertEquals(1 - Math.exp(-1.21) - Math.exp(-2.05), paris.get("unseenMass").asDouble(), 1e-12);
      assertEquals(-1.21, json.get("totalLogprob").asDouble(), 1e-12);
      assertEquals(-1.21, json.get("meanLogprob").asDouble(), 1e-12);
      assertEquals(Math.exp(1.21), json.get("perplexity").asDouble(), 1e-12);
      assertEquals(6, json.get("usage").get("promptTokens").asInt());
    }

    @Test
    void theFirstTokenOfAWholeTextIsUnknownAndLeftOutOfTheStatistics() {
      Cli.Result result = score("The capital of France is Paris", "--top-logprobs", "2", "--format", "json");

      assertEquals(0, result.code(), result::toString);
      JsonNode json = result.json();
      JsonNode first = json.get("tokens").get(0);
      assertEquals("The", first.get("token").asText());
      assertTrue(first.get("logprob").isNull() && first.get("prob").isNull(), "unknown, not 0: " + first);
      assertTrue(first.get("rank").isNull());
      double total = -9.12 - 0.52 - 0.41 - 0.93 - 1.21;
      assertEquals(total, json.get("totalLogprob").asDouble(), 1e-12);
      assertEquals(Math.exp(-total / 5), json.get("perplexity").asDouble(), 1e-12);
      assertEquals(6, json.get("stats").get("tokens").asInt());
      assertEquals(5, json.get("stats").get("knownLogprobs").asInt());
      assertTrue(json.get("tokens").get(1).get("rank").isNull(), "\" capital\" is outside the top 2");
    }

    @Test
    void textFormatPrintsOnlyTheSummary() throws Exception {
      Cli.Result result = score("The capital of France is Paris", "--format", "text");

      assertEquals(0, result.code(), result::toString);
      assertEquals(String.format(java.util.Locale.ROOT,
          "total logprob -12.1900, mean -2.4380, perplexity %.4f over 5 tokens (1 with unknown logprob left out)%n", Math.exp(2.438)),
          result.out());
      String body = server.takeRequest().getBody().utf8();
      assertTrue(body.contains("\"echo\":true") && body.contains("\"max_tokens\":0"), body);
    }

    @Test
    void tooManyAlternativesFailBeforeSendingAndKeepTheKeySecret() {
      Cli.Result result = score("Paris", "--top-logprobs", "6");

      assertEquals(ErrorReporter.USAGE, result.code(), result::toString);
      assertEquals("nexttoken: topLogprobs must be at most 5 for openai scoring, was 6", result.err().strip());
      assertEquals(0, server.getRequestCount());
      assertTrue(!result.out().contains(KEY) && !result.err().contains(KEY));
    }
  }

  @Test
  void cohereCannotScore() {
    Cli.Result result = new Cli().env("CO_API_KEY", "co-cli-score-SECRET").run("--provider", "cohere", "score", "Paris");

    assertEquals(ErrorReporter.USAGE, result.code(), result::toString);
    assertEquals("nexttoken: cohere cannot score a given text", result.err().strip());
  }

  @Test
  void aNegativeTopLogprobsIsAUsageError() {
    Cli.Result result = new Cli().run("--provider", "llamacpp", "--base-url", "http://127.0.0.1:9", "score", "x", "--top-logprobs", "-1");

    assertEquals(ErrorReporter.USAGE, result.code(), result::toString);
    assertEquals("nexttoken: --top-logprobs must be >= 0, was -1", result.err().strip());
  }
}
