package dev.nexttoken.examples;

import static dev.nexttoken.examples.ExampleOutput.find;
import static dev.nexttoken.examples.ExampleOutput.greedy;
import static dev.nexttoken.examples.ExampleOutput.greedyText;
import static dev.nexttoken.examples.ExampleOutput.localEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.Environment;
import dev.nexttoken.Operation;
import dev.nexttoken.testkit.JsonCorpus;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.JsonModel;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every example that needs no hosted provider, run against the shared known-answer server; the
 * expected values come from {@link KnownAnswerModel}, not from an earlier run.
 */
@ExtendWith(LlamaServerExtension.class)
class LocalExamplesTest {
  private static final double TOLERANCE = 1e-3; // the server computes in float; the examples print 4 decimals

  @Test
  void quickstartPrintsTheKnownFirstTokenAndItsProbability(LlamaServer server, KnownAnswerModel model) {
    String output = ExampleOutput.of(out -> Quickstart.run(localEnvironment(server), out));

    assertEquals(greedyText(model, Quickstart.PROMPT, 6), find(output, "^Weights and Biases is\\[(.*)\\]$"), output);
    KnownAnswerModel.Candidate first = model.topK(model.tokenId(" is"), 1).get(0);
    assertEquals(" the", first.token());
    // The first token line, then its 5 alternatives, the chosen one first.
    assertEquals(first.probability(), Double.parseDouble(find(output, "^\" the\"\\s+p=(\\S+)")), TOLERANCE);
    List<KnownAnswerModel.Candidate> top = model.topK(model.tokenId(" is"), 5);
    String firstBlock = find(output, "^(\" the\"\\s+p=.*\\n(?:    .*\\n){5})");
    for (KnownAnswerModel.Candidate candidate : top) {
      assertTrue(firstBlock.contains("    " + Quickstart.quoted(candidate.token())), candidate + " in\n" + firstBlock);
    }
    assertEquals("length", find(output, "^finish: (\\w+)"));
  }

  @Test
  void chatAnswersAndNamesTheLeastCertainToken(LlamaServer server, KnownAnswerModel model) {
    String output = ExampleOutput.of(out -> Chat.run(localEnvironment(server), out));

    // The known-answer model's chat template joins the messages, so it continues " ... Biases is".
    assertEquals(greedyText(model, Quickstart.PROMPT, Chat.MAX_TOKENS), find(output, "^answer: (.*)$"), output);
    KnownAnswerModel.Candidate leastSure = greedy(model, Chat.MAX_TOKENS).stream()
        .min((a, b) -> Double.compare(a.logprob(), b.logprob())).orElseThrow();
    assertEquals(Quickstart.quoted(leastSure.token()), find(output, "^least sure: (\".*\") \\("), output);
  }

  @Test
  void cancellingAStreamEndsItBeforeTheFullAnswer(LlamaServer server, KnownAnswerModel model) {
    String output = ExampleOutput.of(out -> StreamingCancel.run(localEnvironment(server), out));

    int full = Integer.parseInt(find(output, "^full stream: (\\d+) chunks"));
    int read = Integer.parseInt(find(output, "^cancelled stream: (\\d+) of"));
    assertEquals(StreamingCancel.KEEP_CHUNKS, read, output);
    assertTrue(read < full, "the cancelled stream should have stopped early:\n" + output);
    assertEquals(greedyText(model, Quickstart.PROMPT, 16), find(output, "^full:    (.*)$"), output);
    // What arrived before the cancel is kept, and it is only the beginning of the answer.
    String partial = find(output, "text \"(.*)\", finish none$");
    assertTrue(greedyText(model, Quickstart.PROMPT, 16).startsWith(partial), partial);
    assertTrue(partial.length() < greedyText(model, Quickstart.PROMPT, 16).length(), partial);
  }

  @Test
  void probabilityTableShowsRankAndPerplexity(LlamaServer server, KnownAnswerModel model) {
    String output = ExampleOutput.of(out -> ProbabilityTables.run(localEnvironment(server), out));

    List<KnownAnswerModel.Candidate> tokens = greedy(model, 5);
    assertEquals(tokens.get(0).probability(), Double.parseDouble(find(output, "^first token \" the\": p=(\\S+), rank 1 of 5 listed")),
        TOLERANCE, output);
    double mean = tokens.stream().mapToDouble(KnownAnswerModel.Candidate::logprob).average().orElseThrow();
    assertEquals(Math.exp(-mean), Double.parseDouble(find(output, "^5 tokens, mean logprob \\S+, perplexity (\\S+)$")), TOLERANCE);
    // Both renderings: the text table's first row and the Markdown table's header.
    String firstRow = "^0 +␣the +" + Pattern.quote(String.format(java.util.Locale.ROOT, "%.4f", tokens.get(0).probability()));
    assertTrue(Pattern.compile(firstRow, Pattern.MULTILINE).matcher(output).find(), output);
    assertTrue(output.contains("| # | token | prob |"), output);
  }

  @Test
  void greedyWalkBuildsTheKnownSentenceAndSamplingWandersOff(LlamaServer server, KnownAnswerModel model) {
    String output = ExampleOutput.of(out -> Walk.run(localEnvironment(server), out));

    String greedy = find(output, "^greedy: (.*)$");
    assertEquals(Quickstart.PROMPT + greedyText(model, Quickstart.PROMPT, 5), greedy);
    assertTrue(greedy.endsWith("the machine learning platform for"), greedy);
    // Seed 6 draws a token that is not the most likely one, so the sampled text leaves the greedy path.
    assertTrue(output.contains("<- not the most likely"), output);
    assertNotEquals(greedy, find(output, "^sampled: (.*)$"));
  }

  @Test
  void retriesAndTimeoutsAnswerThenFailCleanlyOnAnUnreachableServer(LlamaServer server, KnownAnswerModel model) {
    String output = ExampleOutput.of(out -> RetriesAndTimeouts.run(localEnvironment(server), out));

    assertEquals(greedyText(model, Quickstart.PROMPT, 4), find(output, "^answer: (.*)$"), output);
    assertTrue(output.contains("failed as expected: ConnectionException from llamacpp, retryable true"), output);
  }

  @Test
  void withoutConfigurationTheBundledServerIsStartedAndStopped(KnownAnswerModel model) {
    try (ExampleModel opened = ExampleModel.open(Operation.COMPLETION, Environment.of(Map.of(), Map.of()))) {
      assertTrue(opened.bundled());
      Completion answer = opened.model().complete(CompletionRequest.builder(Quickstart.PROMPT).maxTokens(3).temperature(0.0).build());
      assertEquals(greedyText(model, Quickstart.PROMPT, 3), answer.text());
    }
  }

  @Test
  void toolLoopCallsTheToolSendsTheResultBackAndPrintsTheAnswer(@JsonModel LlamaServer server, @JsonModel KnownAnswerModel json) {
    String output = ExampleOutput.of(out -> ToolLoop.run(localEnvironment(server), out));

    // The model's own call, then its answer to the tool's result: both are the JSON model's greedy walks.
    assertEquals("get_weather {\"city\":\"Tokyo\"}", find(output, "^call: (.*) \\(id .*\\)$"), output);
    assertEquals(JsonCorpus.WEATHER_RESULT, find(output, "^result: (.*)$"));
    assertEquals(JsonCorpus.WEATHER_RESULT, ToolLoop.runTool(new dev.nexttoken.ToolCall("x", "get_weather", "{\"city\":\"Oslo\"}")));
    String answer = json.greedyWalk(JsonCorpus.WEATHER_RESULT, 10).stream().map(KnownAnswerModel.Candidate::token)
        .takeWhile(t -> !t.isEmpty()).reduce("", String::concat);
    assertEquals(JsonCorpus.ANSWER_AFTER_RESULT, answer, "the corpus continues the result as documented");
    assertEquals(answer.strip(), find(output, "^answer: (.*)$").strip(), output);
  }

  @Test
  void extractRecordPrintsEachFieldWithTheModelsProbability(@JsonModel LlamaServer server, @JsonModel KnownAnswerModel json) {
    String output = ExampleOutput.of(out -> ExtractRecord.run(localEnvironment(server), out));

    assertEquals("{city=Oslo, country=Norway, population=709000, capital=true}", find(output, "^record: (.*)$"), output);
    // Each value is one piece of the JSON model, so its probability is that piece's after the one before it.
    List<KnownAnswerModel.Candidate> walk = json.greedyWalk(ExtractRecord.PROMPT, 12);
    for (String value : List.of("Oslo", "Norway", "709000", "true")) {
      KnownAnswerModel.Candidate piece = walk.stream().filter(c -> c.token().equals(value)).findFirst().orElseThrow();
      double shown = Double.parseDouble(find(output, "^\\$\\.\\w+\\s+" + value + "\\s+p=(\\S+)"));
      assertEquals(piece.probability(), shown, TOLERANCE, value + " in\n" + output);
    }
  }
}
