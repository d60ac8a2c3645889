package dev.nexttoken.llamacpp;

import static dev.nexttoken.llamacpp.KnownAnswers.MAX_TOKENS;
import static dev.nexttoken.llamacpp.KnownAnswers.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.SequenceStats;
import dev.nexttoken.logprob.TableRow;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Probability tables rebuilt from real llama-server completions of the known-answer model: every row's candidates,
 * masses, rank and entropy are compared with values computed from the exact bigram distribution.
 */
@ExtendWith(LlamaServerExtension.class)
class RealServerTablesTest {
  private static final int K = 5;

  private final KnownAnswerModel truth;
  private final LlamaCppModel model;

  RealServerTablesTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.model = LlamaCppModel.builder().baseUrl(server.baseUrl()).build();
  }

  @AfterEach
  void close() {
    model.close();
  }

  @Test
  void greedyRowsEqualTheGroundTruth() {
    int vocabulary = model.withServerInfo().capabilities().vocabularySize();
    Completion c = model.complete(CompletionRequest.builder(PROMPT).maxTokens(MAX_TOKENS).temperature(0.0).topLogprobs(K).build());

    List<KnownAnswerModel.Candidate> walk = truth.greedyWalk(PROMPT, MAX_TOKENS);
    for (Integer size : new Integer[] {null, vocabulary}) {
      ProbabilityTable table = c.table(size);
      assertEquals(walk.size(), table.size(), "one row per generated token, </s> included");
      assertEquals(size, table.vocabularySize());
      assertEquals(c.text(), table.text());
      int previous = TrueRows.lastToken(truth, PROMPT);
      for (int i = 0; i < walk.size(); i++) {
        TableRow row = table.row(i);
        assertEquals(i, row.position());
        assertEquals(walk.get(i).id(), row.id(), "the greedy choice at position " + i);
        assertEquals(1, row.rank(), "greedy picks rank 1");
        assertTrue(row.chosenIsArgmax());
        TrueRows.assertRow(truth, previous, K, row, size);
        previous = row.id();
      }
      assertStats(walk, table.stats());
    }
  }

  @ParameterizedTest(name = "top {0}")
  @ValueSource(ints = {1, K})
  void sampledRowsRankTheChosenTokenOrCountItsMassWhenItIsNotListed(int k) {
    // A hot sampler picks tokens below rank 1: with k = 1 they are outside the list. Seeds make it repeatable.
    int notArgmax = 0;
    for (long seed = 0; seed < 10; seed++) {
      Completion c = model.complete(CompletionRequest.builder(PROMPT).maxTokens(MAX_TOKENS).temperature(3.0)
          .seed(seed).topLogprobs(k).build());
      ProbabilityTable table = c.table(truth.vocabSize());
      assertEquals(c.text(), table.text());
      int previous = TrueRows.lastToken(truth, PROMPT);
      for (TableRow row : table.rows()) {
        TrueRows.assertRow(truth, previous, k, row, truth.vocabSize());
        if (!row.chosenIsArgmax()) {
          notArgmax++;
        }
        previous = row.id();
      }
    }
    assertTrue(notArgmax > 0, "at temperature 3 some chosen token is not the argmax");
  }

  @Test
  void theWholeVocabularyGivesNoUnseenMassAndTheExactEntropy() {
    Integer vocabulary = model.withServerInfo().capabilities().vocabularySize();
    assertEquals(truth.vocabSize(), vocabulary, "the vocabulary size comes from the server");
    Completion c = model.complete(CompletionRequest.builder(PROMPT).maxTokens(MAX_TOKENS).temperature(0.0)
        .topLogprobs(vocabulary).build());

    ProbabilityTable table = c.table(vocabulary);
    List<KnownAnswerModel.Candidate> walk = truth.greedyWalk(PROMPT, MAX_TOKENS);
    assertEquals(walk.size(), table.size());
    assertEquals(vocabulary, table.vocabularySize());
    int previous = TrueRows.lastToken(truth, PROMPT);
    for (TableRow row : table.rows()) {
      assertEquals(vocabulary, row.candidates().size(), "every token listed");
      assertTrue(row.unseenMass() <= 1e-4, () -> "no mass unseen: " + row);
      assertTrue(row.entropy().exact(), () -> "the whole distribution gives the exact entropy: " + row.entropy());
      assertEquals(TrueRows.entropy(truth, previous), row.entropy().value(), TrueRows.ENTROPY_TOLERANCE, row::toString);
      TrueRows.assertRow(truth, previous, vocabulary, row, vocabulary);
      previous = row.id();
    }
    assertStats(walk, table.stats());
  }

  @Test
  void theEntropyHasNoUpperBoundUntilTheServerNamesTheVocabularySize() {
    assertNull(model.capabilities().vocabularySize(), "nothing is asked of the server implicitly");
    Completion c = model.complete(CompletionRequest.builder(PROMPT).maxTokens(1).temperature(0.0).topLogprobs(K).build());

    TableRow unbounded = c.table(model.capabilities().vocabularySize()).row(0);
    TableRow bounded = c.table(model.withServerInfo().capabilities().vocabularySize()).row(0);

    int previous = TrueRows.lastToken(truth, PROMPT);
    TrueRows.assertRow(truth, previous, K, unbounded, null);
    TrueRows.assertRow(truth, previous, K, bounded, truth.vocabSize());
    assertEquals(unbounded.entropy().lowerBound(), bounded.entropy().lowerBound(), 0.0, "the lower bound needs no size");
  }

  /** Total, mean and perplexity over every generated token, from the true logprobs. */
  private void assertStats(List<KnownAnswerModel.Candidate> walk, SequenceStats stats) {
    double total = walk.stream().mapToDouble(KnownAnswerModel.Candidate::logprob).sum();
    assertEquals(walk.size(), stats.tokens());
    assertEquals(walk.size(), stats.knownLogprobs());
    // Each probability is within 1e-5 of the truth and at least 0.1, so each logprob within 1e-4.
    assertEquals(total, stats.totalLogprob(), 1e-4 * walk.size());
    assertEquals(total / walk.size(), stats.meanLogprob(), 1e-4);
    assertEquals(Math.exp(-total / walk.size()), stats.perplexity(), 1e-3);
  }
}
