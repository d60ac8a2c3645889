package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scoring a given text against a real llama-server serving the known-answer model: every scored token's
 * logprob, its alternatives and the perplexity are compared with the exact bigram distribution, including
 * tokens the model finds very unlikely.
 */
@ExtendWith(LlamaServerExtension.class)
class RealServerScoringTest {
  /** Not in the corpus: "the lecture" and "lecture platform" are rare bigrams, "é" is two byte tokens of p = 1e-9. */
  private static final String UNLIKELY = "Weights and Biases is the lecture platform é.";

  private final KnownAnswerModel truth;
  private final LlamaCppModel model;

  RealServerScoringTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.model = LlamaCppModel.builder().baseUrl(server.baseUrl()).build();
  }

  @AfterEach
  void close() {
    model.close();
  }

  @ParameterizedTest(name = "top {0}")
  @ValueSource(ints = {0, 5})
  void everyTokenOfAWholeTextHasItsTrueLogprob(int k) {
    ScoredText scored = model.score(ScoreRequest.of(UNLIKELY).withTopLogprobs(k));

    int[] ids = truth.tokenize(UNLIKELY);
    assertTrue(ids.length >= 9, "the text includes byte-fallback tokens: " + Arrays.toString(ids));
    assertScores(ids, truth.bosId(), scored, k);
  }

  @Test
  void unlikelyTokensAreScoredAsPreciselyAsLikelyOnes() {
    ScoredText scored = model.score(UNLIKELY);

    int[] ids = truth.tokenize(UNLIKELY);
    int previous = truth.bosId();
    double smallest = 0;
    for (int i = 0; i < ids.length; i++) {
      double expected = truth.logprob(previous, ids[i]);
      smallest = Math.min(smallest, expected);
      // In probability every tiny value is close to the truth; in logprob only the true one is.
      assertEquals(expected, scored.tokens().get(i).logprob(), 1e-3, "logprob at position " + i);
      previous = ids[i];
    }
    assertTrue(smallest < Math.log(1e-8), "the text has a token the model gives p < 1e-8");
  }

  @Test
  void perplexityIsTheExponentialOfTheNegativeMeanTrueLogprob() {
    ScoredText scored = model.score(ScoreRequest.of(UNLIKELY));

    int[] ids = truth.tokenize(UNLIKELY);
    double total = 0;
    int previous = truth.bosId();
    for (int id : ids) {
      total += truth.logprob(previous, id);
      previous = id;
    }
    double mean = total / ids.length;
    assertEquals(total, scored.totalLogprob(), 1e-4);
    assertEquals(mean, scored.meanLogprob(), 1e-5);
    assertEquals(Math.exp(-mean), scored.perplexity(), Math.exp(-mean) * 1e-5);
    assertEquals(ids.length + 1, scored.usage().promptTokens(), "the text and <s>");
  }

  @Test
  void aContinuationScoresLikeTheTailOfTheWholeText() {
    String prompt = "Weights and Biases is";
    String text = " the lecture platform é.";
    ScoredText whole = model.score(ScoreRequest.of(prompt + text).withTopLogprobs(3));
    ScoredText tail = model.score(ScoreRequest.of(prompt, text).withTopLogprobs(3));

    int promptTokens = truth.tokenize(prompt).length;
    List<TokenLogprob> expected = whole.tokens().subList(promptTokens, whole.tokens().size());
    assertEquals(expected.size(), tail.tokens().size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).id(), tail.tokens().get(i).id(), "id at " + i);
      assertEquals(expected.get(i).logprob(), tail.tokens().get(i).logprob(), 1e-6, "logprob at " + i);
    }
    int[] ids = truth.tokenize(prompt + text);
    assertScores(Arrays.copyOfRange(ids, promptTokens, ids.length), ids[promptTokens - 1], tail, 3);
  }

  @Test
  void aTokenStraddlingTheSeamBelongsToTheContinuation() {
    // "Bias" + "es" is one token, " Biases": tokenizing the two parts apart would score " Bias" and "es".
    ScoredText scored = model.score(ScoreRequest.of("Weights and Bias", "es is"));

    List<Integer> ids = scored.tokens().stream().map(TokenLogprob::id).toList();
    assertEquals(List.of(truth.tokenId(" Biases"), truth.tokenId(" is")), ids);
    assertEquals(truth.logprob(truth.tokenId(" and"), truth.tokenId(" Biases")), scored.tokens().get(0).logprob(), 1e-5);
  }

  @Test
  void theTableGivesTheRankOfEachScoredToken() {
    ScoredText scored = model.score(ScoreRequest.of("Weights and Biases is the", " lecture").withTopLogprobs(truth.vocabSize()));

    ProbabilityTable table = scored.table(truth.vocabSize());
    int the = truth.tokenId(" the");
    int lecture = truth.tokenId(" lecture");
    double[] row = truth.nextTokenProbabilities(the);
    long moreLikely = Arrays.stream(row).filter(p -> p > row[lecture]).count();
    assertEquals((int) moreLikely + 1, table.row(0).rank());
  }

  private void assertScores(int[] ids, int previous, ScoredText scored, int k) {
    assertEquals(ids.length, scored.tokens().size(), () -> "one entry per token: " + scored.tokens());
    for (int i = 0; i < ids.length; i++) {
      TokenLogprob t = scored.tokens().get(i);
      KnownAnswers.assertToken(truth, previous, ids[i], t.token(), t.bytes(), t.id(), t.logprob(), "position " + i);
      if (k == 0) {
        assertEquals(List.of(), t.topLogprobs(), "no alternatives asked for");
      } else {
        KnownAnswers.assertTopK(truth, previous, k, t.topLogprobs(), "position " + i);
      }
      previous = ids[i];
    }
    assertArrayEquals(ids, scored.tokens().stream().mapToInt(TokenLogprob::id).toArray());
  }
}
