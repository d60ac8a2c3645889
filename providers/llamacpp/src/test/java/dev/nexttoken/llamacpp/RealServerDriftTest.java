package dev.nexttoken.llamacpp;

import static dev.nexttoken.llamacpp.KnownAnswers.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ScoreRequest;
import dev.nexttoken.analysis.ModelComparison;
import dev.nexttoken.logprob.Agreement;
import dev.nexttoken.logprob.AlignedPosition;
import dev.nexttoken.logprob.Bounds;
import dev.nexttoken.logprob.TokenIdentity;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drift between two versions of a model, both known in full: the known-answer model and a perturbed
 * copy (the same corpus smoothed five times more), each on a real llama-server, reading one text. At
 * every position the total-variation and Jensen–Shannon bounds contain the true divergence, tighten as
 * more alternatives are listed, and meet at it when the whole vocabulary is.
 */
@ExtendWith(LlamaServerExtension.class)
class RealServerDriftTest {
  private static final double TOLERANCE = 1e-5;
  private static final String TEXT = " the machine learning platform for developers.";
  private static final KnownAnswerModel PERTURBED = KnownAnswerModel.builder().smoothing(0.05).build();
  private static LlamaServer second;

  private final KnownAnswerModel truth;
  private final LlamaCppModel original;
  private final LlamaCppModel perturbed;

  RealServerDriftTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.original = LlamaCppModel.builder().baseUrl(server.baseUrl()).build();
    this.perturbed = LlamaCppModel.builder().baseUrl(second.baseUrl()).build();
  }

  @BeforeAll
  static void startTheSecondServer() {
    if (!Boolean.getBoolean(LlamaServerExtension.SKIP_PROPERTY)) {
      second = LlamaServer.start(PERTURBED.cachedFile());
    }
  }

  @AfterAll
  static void stopTheSecondServer() {
    if (second != null) {
      second.close();
    }
  }

  @AfterEach
  void close() {
    original.close();
    perturbed.close();
  }

  private Agreement drift(int k) {
    return ModelComparison.scored(original, perturbed, ScoreRequest.of(PROMPT, TEXT).withTopLogprobs(k), TokenIdentity.ID);
  }

  @Test
  void theBoundsContainTheTrueDivergenceAndTightenAsKGrows() {
    int[] ids = truth.continuationIds(PROMPT, TEXT);
    List<Integer> ks = List.of(1, 2, 5, 20, truth.vocabSize());
    Agreement[] runs = new Agreement[ks.size()];
    for (int r = 0; r < ks.size(); r++) {
      runs[r] = drift(ks.get(r));
      assertEquals(ids.length, runs[r].positions().size(), "one text, one tokenizer: every token aligned");
    }
    int previous = truth.lastId(PROMPT);
    for (int i = 0; i < ids.length; i++) {
      double[] p = truth.nextTokenProbabilities(previous);
      double[] q = PERTURBED.nextTokenProbabilities(previous);
      double tv = 0;
      double js = 0;
      for (int t = 0; t < p.length; t++) {
        tv += Math.abs(p[t] - q[t]) / 2;
        double m = (p[t] + q[t]) / 2;
        js += 0.5 * p[t] * Math.log(p[t] / m) + 0.5 * q[t] * Math.log(q[t] / m);
      }
      Bounds lastTv = null;
      Bounds lastJs = null;
      for (int r = 0; r < ks.size(); r++) {
        AlignedPosition at = runs[r].positions().get(i);
        String where = "position " + i + ", k " + ks.get(r);
        assertTrue(at.samePrefix(), where);
        Bounds btv = at.divergence().totalVariation();
        Bounds bjs = at.divergence().jensenShannon();
        assertTrue(btv.lower() - TOLERANCE <= tv && tv <= btv.upper() + TOLERANCE, where + ": TV " + tv + " in " + btv);
        assertTrue(bjs.lower() - TOLERANCE <= js && js <= bjs.upper() + TOLERANCE, where + ": JS " + js + " in " + bjs);
        if (lastTv != null) {
          assertTrue(btv.width() <= lastTv.width() + TOLERANCE, where + ": TV bounds widened from " + lastTv + " to " + btv);
          assertTrue(bjs.width() <= lastJs.width() + TOLERANCE, where + ": JS bounds widened from " + lastJs + " to " + bjs);
        }
        lastTv = btv;
        lastJs = bjs;
      }
      // The whole vocabulary listed: the bounds are the truth.
      assertEquals(tv, lastTv.lower(), TOLERANCE, "position " + i);
      assertEquals(tv, lastTv.upper(), TOLERANCE, "position " + i);
      assertEquals(js, lastJs.lower(), TOLERANCE, "position " + i);
      assertEquals(js, lastJs.upper(), TOLERANCE, "position " + i);
      assertEquals(truth.argmax(previous) == PERTURBED.argmax(previous), runs[2].positions().get(i).top1Agree(), "position " + i);
      previous = ids[i];
    }
    assertTrue(runs[0].summary().meanTotalVariation().width() > runs[4].summary().meanTotalVariation().width(),
        "the summary tightens too");
  }
}
