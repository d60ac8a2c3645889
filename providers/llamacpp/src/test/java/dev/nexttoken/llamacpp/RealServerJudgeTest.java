package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.analysis.Judge;
import dev.nexttoken.logprob.JudgeScore;
import dev.nexttoken.logprob.RatingScale;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A judge score (G-Eval) from a real llama-server serving a known-answer model of ratings: after
 * " Rating" it says " 4" most often, then " 5", then " 3", so the expected score and the scale's mass
 * are known exactly.
 */
@ExtendWith(LlamaServerExtension.class)
class RealServerJudgeTest {
  private static final double TOLERANCE = 1e-5;
  private static final KnownAnswerModel RATINGS = KnownAnswerModel.builder()
      .corpus(List.of("Rating 4", "Rating 4", "Rating 4 stars", "Rating 5", "Rating 5", "Rating 3", "Quality 5 stars"))
      .build();
  private static LlamaServer server;
  private static LlamaCppModel model;

  @BeforeAll
  static void start() {
    if (!Boolean.getBoolean(LlamaServerExtension.SKIP_PROPERTY)) {
      server = LlamaServer.start(RATINGS.cachedFile());
      model = LlamaCppModel.builder().baseUrl(server.baseUrl()).build();
    }
  }

  @AfterAll
  static void stop() {
    if (model != null) {
      model.close();
      server.close();
    }
  }

  /** The expected score and covered mass over the top {@code k} after " Rating", by the scale's matching rule. */
  private static double[] truth(int k, RatingScale scale) {
    double mass = 0;
    double weighted = 0;
    for (KnownAnswerModel.Candidate c : RATINGS.topK(RATINGS.tokenId(" Rating"), k)) {
      RatingScale.Rating rating = scale.match(RATINGS.tokenText(c.id()));
      if (rating != null) {
        mass += c.probability();
        weighted += c.probability() * rating.score();
      }
    }
    return new double[] {weighted / mass, mass};
  }

  @Test
  void theExpectedRatingIsTheModelsOwn() {
    RatingScale scale = RatingScale.integers(1, 5);
    JudgeScore score = Judge.builder(model).scale(scale).alternatives(10).maxTokens(2).build().rate("Rating");

    double[] expected = truth(10, scale);
    assertEquals(0, score.position());
    assertEquals("4", score.chosen().text());
    assertEquals(expected[0], score.expected(), TOLERANCE);
    assertEquals(expected[1], score.coveredMass(), TOLERANCE);
    int four = RATINGS.tokenId(" 4");
    assertEquals(Math.exp(RATINGS.logprob(RATINGS.tokenId(" Rating"), four)), score.probabilities().get(3), TOLERANCE);
  }

  @Test
  void aConversationIsJudgedTheSameWay() {
    // The model's chat template joins the messages, so the answer continues "Rating".
    RatingScale scale = RatingScale.integers(3, 5);
    JudgeScore score = Judge.builder(model).scale(scale).alternatives(3).maxTokens(2).build().rate(ChatRequest.of("Rating"));

    double[] expected = truth(3, scale);
    assertEquals(expected[0], score.expected(), TOLERANCE);
    assertEquals(expected[1], score.coveredMass(), TOLERANCE);
  }
}
