package dev.nexttoken.llamacpp;

import static dev.nexttoken.llamacpp.KnownAnswers.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.logprob.AnswerUncertainty;
import dev.nexttoken.logprob.ConfidenceSpan;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The uncertainty of a greedy answer from a real llama-server serving the known-answer model: sequence
 * probability, least likely token, entropies, margins and low-confidence spans are the model's own.
 */
@ExtendWith(LlamaServerExtension.class)
class RealServerUncertaintyTest {
  private static final double TOLERANCE = 1e-5;
  private static final int STEPS = 8;
  private static final double THRESHOLD = 0.5;

  private final KnownAnswerModel truth;
  private final LlamaCppModel model;
  private final List<KnownAnswerModel.Candidate> walk;

  RealServerUncertaintyTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.model = LlamaCppModel.builder().baseUrl(server.baseUrl()).vocabularySize(truth.vocabSize()).build();
    this.walk = truth.greedyWalk(PROMPT, STEPS);
  }

  @AfterEach
  void close() {
    model.close();
  }

  private AnswerUncertainty uncertainty(int k) {
    Completion answer = model.complete(CompletionRequest.builder(PROMPT).maxTokens(STEPS).temperature(0.0).topLogprobs(k).build());
    return AnswerUncertainty.of(answer.table(truth.vocabSize()), THRESHOLD);
  }

  /** The id each generated token follows. */
  private List<Integer> previous() {
    List<Integer> previous = new ArrayList<>();
    int last = truth.lastId(PROMPT);
    for (KnownAnswerModel.Candidate c : walk) {
      previous.add(last);
      last = c.id();
    }
    return previous;
  }

  private double entropy(int previous) {
    double h = 0;
    for (double p : truth.nextTokenProbabilities(previous)) {
      h -= p * Math.log(p);
    }
    return h;
  }

  @Test
  void withTheWholeVocabularyListedEveryFigureIsExact() {
    AnswerUncertainty u = uncertainty(truth.vocabSize());

    double total = walk.stream().mapToDouble(KnownAnswerModel.Candidate::logprob).sum();
    assertEquals(Math.exp(total), u.sequenceProbability(), Math.exp(total) * TOLERANCE);
    assertEquals(total / walk.size(), u.meanLogprob(), TOLERANCE);
    assertEquals(Math.exp(-total / walk.size()), u.perplexity(), TOLERANCE * u.perplexity());
    KnownAnswerModel.Candidate least = walk.stream().min((a, b) -> Double.compare(a.logprob(), b.logprob())).orElseThrow();
    assertEquals(walk.indexOf(least), u.leastLikely().position());
    assertEquals(least.probability(), u.leastLikely().probability(), TOLERANCE);

    List<Integer> previous = previous();
    double sum = 0;
    double max = 0;
    double minMargin = 1;
    for (int i = 0; i < walk.size(); i++) {
      double h = entropy(previous.get(i));
      sum += h;
      max = Math.max(max, h);
      List<KnownAnswerModel.Candidate> top = truth.topK(previous.get(i), 2);
      double margin = top.get(0).probability() - top.get(1).probability();
      assertEquals(margin, u.margins().get(i), TOLERANCE, "margin at " + i);
      minMargin = Math.min(minMargin, margin);
    }
    assertTrue(u.meanEntropy().exact(), "nothing unseen");
    assertEquals(sum / walk.size(), u.meanEntropy().value(), 1e-4);
    assertEquals(max, u.maxEntropy().value(), 1e-4);
    assertEquals(minMargin, u.minMargin(), TOLERANCE);
  }

  @Test
  void withTheTopFiveTheEntropiesAreBoundsAroundTheTruth() {
    AnswerUncertainty u = uncertainty(5);

    List<Integer> previous = previous();
    double sum = 0;
    for (int i = 0; i < walk.size(); i++) {
      sum += entropy(previous.get(i));
    }
    double mean = sum / walk.size();
    assertTrue(!u.meanEntropy().exact(), "the tail is cut off");
    assertTrue(u.meanEntropy().lowerBound() <= mean + TOLERANCE && mean <= u.meanEntropy().upperBound() + TOLERANCE,
        mean + " within " + u.meanEntropy());
  }

  @Test
  void theLowConfidenceSpansAreTheTokensUnderTheThreshold() {
    AnswerUncertainty u = uncertainty(5);

    List<int[]> expected = new ArrayList<>(); // character start, end of each run of tokens under the threshold
    int offset = 0;
    int[] open = null;
    for (KnownAnswerModel.Candidate c : walk) {
      String text = truth.tokenText(c.id());
      if (c.probability() < THRESHOLD) {
        if (open == null) {
          open = new int[] {offset, offset};
          expected.add(open);
        }
        open[1] = offset + text.length();
      } else {
        open = null;
      }
      offset += text.length();
    }
    assertTrue(!expected.isEmpty(), "the greedy answer has a token under " + THRESHOLD);
    assertEquals(expected.size(), u.lowConfidence().size());
    for (int i = 0; i < expected.size(); i++) {
      ConfidenceSpan span = u.lowConfidence().get(i);
      assertEquals(expected.get(i)[0], span.start(), "span " + i);
      assertEquals(expected.get(i)[1], span.end(), "span " + i);
      assertEquals(u.table().text().substring(span.start(), span.end()), span.text());
    }
  }
}
