package dev.nexttoken.cli;

import static dev.nexttoken.cli.KnownAnswerJson.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.logprob.DivergenceBounds;
import dev.nexttoken.logprob.VisibleDistribution;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code compare --format json}'s agreement between two servers whose models are both known in full:
 * the known-answer model (as llamacpp) and a perturbed copy, the same corpus smoothed five times more
 * (as openai, through its OpenAI-compatible /v1). Whatever each server samples, every comparable
 * position's figures follow from the two models' true distributions after the token before it.
 */
@ExtendWith(LlamaServerExtension.class)
class CompareAgreementTest {
  private static final double TOLERANCE = 1e-5;
  private static final int K = 5;
  private static final KnownAnswerModel PERTURBED = KnownAnswerModel.builder().smoothing(0.05).build();
  private static LlamaServer second;

  private final KnownAnswerModel truth;
  private final Cli cli;

  CompareAgreementTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.cli = new Cli().env("NEXTTOKEN_LLAMA_URL", server.baseUrl()).env("OPENAI_BASE_URL", second.baseUrl() + "/v1");
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

  @Test
  void everyComparablePositionAgreesWithTheTwoTrueDistributions() {
    Cli.Result result = cli.run("compare", PROMPT, "--providers", "llamacpp,openai", "--max-tokens", "6", "--format", "json");
    assertEquals(0, result.code(), result::toString);
    JsonNode json = result.json();
    assertTrue(PERTURBED.vocabulary().equals(truth.vocabulary()), "one vocabulary: ids name the same token in both");

    JsonNode agreement = json.get("agreement");
    assertEquals(1, agreement.size(), "one pair");
    JsonNode pair = agreement.get(0);
    assertEquals("llamacpp", pair.get("a").asText());
    assertEquals("openai", pair.get("b").asText());
    List<Integer> idsA = ids(json.get("providers").get(0).get("tokens"));
    List<Integer> idsB = ids(json.get("providers").get(1).get("tokens"));

    int comparable = 0;
    int agree = 0;
    for (JsonNode p : pair.get("positions")) {
      if (!p.get("samePrefix").asBoolean()) {
        continue;
      }
      comparable++;
      int a = p.get("positionA").asInt();
      int b = p.get("positionB").asInt();
      int previous = a == 0 ? truth.lastId(PROMPT) : idsA.get(a - 1);
      assertEquals(previous, b == 0 ? truth.lastId(PROMPT) : idsB.get(b - 1), "the same text before, the same token before");
      double[] pa = truth.nextTokenProbabilities(previous);
      double[] pb = PERTURBED.nextTokenProbabilities(previous);
      String where = "offset " + p.get("offset").asInt();

      // The true divergences lie within the bounds, and the bounds are those the two top-5 lists allow.
      assertTrue(within(p.get("totalVariation"), totalVariation(pa, pb)), where + ": TV " + totalVariation(pa, pb) + " in " + p);
      assertTrue(within(p.get("jensenShannon"), jensenShannon(pa, pb)), where + ": JS " + jensenShannon(pa, pb) + " in " + p);
      DivergenceBounds expected = DivergenceBounds.between(shown(truth, previous, idsA.get(a)), shown(PERTURBED, previous, idsB.get(b)));
      assertEquals(expected.totalVariation().lower(), p.get("totalVariation").get("lower").asDouble(), TOLERANCE, where);
      assertEquals(expected.totalVariation().upper(), p.get("totalVariation").get("upper").asDouble(), TOLERANCE, where);
      assertEquals(expected.jensenShannon().lower(), p.get("jensenShannon").get("lower").asDouble(), TOLERANCE, where);
      assertEquals(expected.jensenShannon().upper(), p.get("jensenShannon").get("upper").asDouble(), TOLERANCE, where);

      boolean top1 = truth.argmax(previous) == PERTURBED.argmax(previous);
      assertEquals(top1, p.get("top1Agree").asBoolean(), where);
      agree += top1 ? 1 : 0;
      assertRank(p.get("rankOfAInB"), PERTURBED.topK(previous, K), idsA.get(a), where);
      assertRank(p.get("rankOfBInA"), truth.topK(previous, K), idsB.get(b), where);
      assertEquals(idsA.get(a).equals(idsB.get(b)), p.get("sameToken").asBoolean(), where);
    }
    JsonNode summary = pair.get("summary");
    assertTrue(comparable >= 1, "offset 0 follows the prompt on both sides");
    assertEquals(comparable, summary.get("comparablePositions").asInt());
    assertEquals(pair.get("positions").size(), summary.get("alignedPositions").asInt());
    assertEquals((double) agree / comparable, summary.get("top1Agreement").asDouble(), 1e-12);
    assertTrue(summary.get("meanTotalVariation").get("lower").asDouble() <= summary.get("meanTotalVariation").get("upper").asDouble());
  }

  @Test
  void theTableEndsWithEachPairsSummary() {
    Cli.Result result = cli.run("compare", PROMPT, "--providers", "llamacpp,openai", "--max-tokens", "3");

    assertEquals(0, result.code(), result::toString);
    assertTrue(result.out().lines().anyMatch(l -> l.startsWith("llamacpp vs openai: ") && l.contains(" comparable, top-1 agree ")),
        result::toString);
  }

  /** What a server listing the top K shows after {@code previous}, with its chosen token when it is not among them. */
  private static VisibleDistribution shown(KnownAnswerModel model, int previous, int chosen) {
    Map<String, Double> listed = new LinkedHashMap<>();
    model.topK(previous, K).forEach(c -> listed.put(Integer.toString(c.id()), c.probability()));
    listed.putIfAbsent(Integer.toString(chosen), Math.exp(model.logprob(previous, chosen)));
    double seen = listed.values().stream().mapToDouble(Double::doubleValue).sum();
    return new VisibleDistribution(listed, Math.max(0, 1 - seen));
  }

  private static void assertRank(JsonNode rank, List<KnownAnswerModel.Candidate> other, int chosen, String where) {
    for (int r = 0; r < other.size(); r++) {
      if (other.get(r).id() == chosen) {
        assertEquals(r + 1, rank.asInt(), where + ": rank");
        return;
      }
    }
    assertTrue(rank.isNull(), where + ": not listed, no rank");
  }

  private static boolean within(JsonNode bounds, double value) {
    return bounds.get("lower").asDouble() - TOLERANCE <= value && value <= bounds.get("upper").asDouble() + TOLERANCE;
  }

  private static List<Integer> ids(JsonNode tokens) {
    List<Integer> ids = new ArrayList<>();
    tokens.forEach(t -> ids.add(t.get("id").asInt()));
    return ids;
  }

  static double totalVariation(double[] p, double[] q) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum += Math.abs(p[i] - q[i]);
    }
    return sum / 2;
  }

  static double jensenShannon(double[] p, double[] q) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double m = (p[i] + q[i]) / 2;
      sum += 0.5 * p[i] * Math.log(p[i] / m) + 0.5 * q[i] * Math.log(q[i] / m);
    }
    return sum;
  }
}
