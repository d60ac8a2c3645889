package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.logprob.Entropy;
import dev.nexttoken.logprob.TableRow;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.testkit.KnownAnswerModel;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Checks a {@link TableRow} rebuilt from what the real server reported against the known-answer model's exact
 * distribution, computing every expected value (masses, entropy, rank) from that distribution.
 */
final class TrueRows {
  /**
   * Entropy tolerance in nats: the server reports float logprobs, so each {@code -p ln p} term is off by up to
   * about {@code 1e-7}, and a few hundred terms add up.
   */
  static final double ENTROPY_TOLERANCE = 1e-4;

  private TrueRows() {}

  /** The exact entropy in nats of the next-token distribution after {@code previous}. */
  static double entropy(KnownAnswerModel truth, int previous) {
    double h = 0;
    for (double p : truth.nextTokenProbabilities(previous)) {
      if (p > 0) {
        h -= p * Math.log(p);
      }
    }
    return h;
  }

  /** The last token the server sees of {@code prompt}: the one the next token's distribution depends on. */
  static int lastToken(KnownAnswerModel truth, String prompt) {
    int[] ids = truth.tokenize(prompt);
    return ids[ids.length - 1];
  }

  /** The tokens whose probability is exactly {@code id}'s, itself included. */
  private static List<Integer> tiedIds(double[] p, int id) {
    return IntStream.range(0, p.length).filter(j -> p[j] == p[id]).boxed().toList();
  }

  /**
   * Asserts {@code row} is the model's top {@code k} after {@code previous}: candidates, order and probabilities;
   * the chosen token's rank; covered and unseen mass; entropy bounds around the true entropy.
   *
   * @param vocabularySize the size the table was built with, or null
   */
  static void assertRow(KnownAnswerModel truth, int previous, int k, TableRow row, Integer vocabularySize) {
    String where = "position " + row.position() + " after '" + truth.tokenText(previous) + "'";
    List<KnownAnswerModel.Candidate> top = truth.topK(previous, k);
    List<Integer> topIds = top.stream().map(KnownAnswerModel.Candidate::id).toList();
    assertTrue(row.alternativesKnown(), where);
    assertEquals(top.size(), row.candidates().size(), where + ": candidates listed");
    assertEquals(Set.copyOf(topIds), row.candidates().stream().map(TokenCandidate::id).collect(Collectors.toSet()),
        where + ": the true top " + k);
    double[] p = truth.nextTokenProbabilities(previous);
    for (int i = 0; i < top.size(); i++) {
      TokenCandidate c = row.candidates().get(i);
      String at = where + ", rank " + (i + 1) + " '" + c.token() + "'";
      // Tokens the model gives exactly the same probability may come in any order; all others in the model's.
      if (tiedIds(p, top.get(i).id()).size() == 1) {
        assertEquals(top.get(i).id(), c.id(), at + ": id");
      }
      assertEquals(truth.tokenText(c.id()), c.token(), at + ": text");
      assertEquals(p[c.id()], c.probability(), KnownAnswers.TOLERANCE, at + ": probability");
      assertEquals(top.get(i).probability(), c.probability(), KnownAnswers.TOLERANCE, at + ": probability of the rank");
    }

    assertNotNull(row.id(), where + ": chosen id");
    int chosen = row.id();
    assertEquals(truth.tokenText(chosen), row.token(), where + ": chosen text");
    assertEquals(p[chosen], row.probability(), KnownAnswers.TOLERANCE, where + ": chosen probability");
    int index = topIds.indexOf(chosen);
    if (index < 0) {
      assertNull(row.rank(), where + ": '" + row.token() + "' is outside the top " + k);
    } else {
      assertNotNull(row.rank(), where + ": '" + row.token() + "' is in the top " + k);
      assertEquals(p[chosen], p[topIds.get(row.rank() - 1)], 0.0, where + ": rank of '" + row.token() + "'");
      if (tiedIds(p, chosen).size() == 1) {
        assertEquals(index + 1, row.rank(), where + ": rank of '" + row.token() + "'");
      }
    }

    double covered = top.stream().mapToDouble(KnownAnswerModel.Candidate::probability).sum()
        + (index < 0 ? p[chosen] : 0);
    // One tolerance per listed probability: each is off by at most that much.
    double massTolerance = KnownAnswers.TOLERANCE * (top.size() + 1);
    assertEquals(covered, row.coveredMass(), massTolerance, where + ": covered mass");
    assertEquals(1 - covered, row.unseenMass(), massTolerance, where + ": unseen mass");
    assertEquals(1.0, row.coveredMass() + row.unseenMass(), 1e-12, where + ": covered + unseen");

    double h = entropy(truth, previous);
    Entropy e = row.entropy();
    assertTrue(e.lowerBound() <= h + ENTROPY_TOLERANCE, () -> where + ": lower bound " + e + " above the true " + h);
    if (vocabularySize == null) {
      assertNull(e.upperBound(), where + ": no upper bound without the vocabulary size");
    } else {
      assertNotNull(e.upperBound(), where + ": an upper bound from the vocabulary size");
      assertTrue(h <= e.upperBound() + ENTROPY_TOLERANCE, () -> where + ": upper bound " + e + " below the true " + h);
    }
    if (e.exact()) {
      assertEquals(h, e.value(), ENTROPY_TOLERANCE, where + ": exact entropy");
    }
    if (1 - covered > 1e-3) {
      assertFalse(e.exact(), () -> where + ": with " + (1 - covered) + " unseen the entropy cannot be exact: " + e);
    }
  }
}
