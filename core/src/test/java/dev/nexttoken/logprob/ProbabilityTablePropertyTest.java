package dev.nexttoken.logprob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Invariants over random distributions and random token splits. Plain seeded loops: each failure
 * message names the case's seed, so it can be replayed alone.
 */
class ProbabilityTablePropertyTest {
  private static final int CASES = 500;

  /** A random full distribution, with some exact zeros, sometimes very peaked. */
  private static double[] distribution(SplittableRandom random, int size) {
    double[] p = new double[size];
    double sharpness = random.nextDouble(0.2, 8);
    double sum = 0;
    for (int i = 0; i < size; i++) {
      p[i] = random.nextInt(10) == 0 ? 0 : Math.pow(-Math.log(1 - random.nextDouble()), sharpness);
      sum += p[i];
    }
    if (sum == 0) {
      p[0] = sum = 1;
    }
    for (int i = 0; i < size; i++) {
      p[i] /= sum;
    }
    return p;
  }

  @Test
  void rowsAreConsistentWithTheTrueDistribution() {
    for (int c = 0; c < CASES; c++) {
      long seed = 1000 + c;
      SplittableRandom random = new SplittableRandom(seed);
      int vocabulary = random.nextInt(2, 60);
      double[] p = distribution(random, vocabulary);
      Integer[] byRank = new Integer[vocabulary];
      for (int i = 0; i < vocabulary; i++) {
        byRank[i] = i;
      }
      Arrays.sort(byRank, Comparator.comparingDouble((Integer i) -> -p[i]));
      int k = random.nextInt(1, vocabulary + 1);
      boolean rounded = random.nextBoolean(); // providers send float32-rounded logprobs
      List<TokenCandidate> listed = new ArrayList<>();
      for (int r = 0; r < k; r++) {
        int id = byRank[r];
        double logprob = p[id] == 0 ? Double.NEGATIVE_INFINITY : Math.log(p[id]);
        if (rounded && logprob != Double.NEGATIVE_INFINITY) {
          logprob = Math.min(0, (float) logprob);
        }
        listed.add(new TokenCandidate("t" + id, null, id, logprob));
      }
      if (random.nextBoolean()) {
        Collections.shuffle(listed, new java.util.Random(seed));
      }
      int chosenId = sample(random, p);
      double chosenLogprob = p[chosenId] == 0 ? Double.NEGATIVE_INFINITY : Math.log(p[chosenId]);
      Integer vocabSize = random.nextBoolean() ? vocabulary : null;
      TokenLogprob token = new TokenLogprob("t" + chosenId, null, chosenId, chosenLogprob, listed);
      TableRow row = ProbabilityTable.of(List.of(token), vocabSize).row(0);
      String at = "case seed " + seed;

      double previous = 1;
      for (TokenCandidate candidate : row.candidates()) {
        double prob = candidate.probability();
        assertTrue(prob >= 0 && prob <= 1, at);
        assertTrue(prob <= previous, at + ": candidates sorted");
        previous = prob;
      }
      assertEquals(k, row.candidates().size(), at);
      assertEquals(1.0, row.coveredMass() + row.unseenMass(), 1e-12, at);
      assertTrue(row.unseenMass() >= 0 && row.coveredMass() <= 1, at);
      int trueRank = Arrays.asList(byRank).indexOf(chosenId) + 1;
      if (trueRank <= k) {
        // Equal probabilities may be listed in either order; the rank's probability must match.
        assertNotNull(row.rank(), at);
        assertEquals(p[chosenId], row.candidates().get(row.rank() - 1).probability(), 1e-6, at);
      } else {
        assertNull(row.rank(), at);
      }

      double trueEntropy = Tokens.entropy(p);
      Entropy entropy = row.entropy();
      if (entropy.exact()) {
        // "Exact" allows unseen mass up to 1e-6, worth at most u ln(V/u) < 1e-4 nats here.
        assertEquals(trueEntropy, entropy.value(), 1e-4, at);
      } else {
        assertTrue(entropy.lowerBound() <= trueEntropy + 1e-6, at + ": lower " + entropy.lowerBound() + " > " + trueEntropy);
        if (entropy.upperBound() != null) {
          assertTrue(entropy.lowerBound() <= entropy.upperBound(), at);
          assertTrue(trueEntropy <= entropy.upperBound() + 1e-6, at + ": upper " + entropy.upperBound() + " < " + trueEntropy);
        } else {
          assertNull(vocabSize, at);
        }
      }
      if (k == vocabulary) {
        assertTrue(entropy.exact(), at + ": the whole distribution was listed");
      }
    }
  }

  @Test
  void perplexityIsExpOfMinusTheMeanKnownLogprob() {
    for (int c = 0; c < CASES; c++) {
      long seed = 5000 + c;
      SplittableRandom random = new SplittableRandom(seed);
      int n = random.nextInt(1, 40);
      List<TokenLogprob> tokens = new ArrayList<>();
      double total = 0;
      int known = 0;
      for (int i = 0; i < n; i++) {
        Double logprob = random.nextInt(8) == 0 ? null : -random.nextDouble() * 12;
        if (logprob != null) {
          total += logprob;
          known++;
        }
        tokens.add(new TokenLogprob("w" + i, null, null, logprob, null));
      }
      SequenceStats stats = ProbabilityTable.of(tokens).stats();
      String at = "case seed " + seed;
      assertEquals(n, stats.tokens(), at);
      assertEquals(known, stats.knownLogprobs(), at);
      assertEquals(total, stats.totalLogprob(), 1e-9, at);
      if (known == 0) {
        assertNull(stats.perplexity(), at);
      } else {
        assertEquals(total / known, stats.meanLogprob(), 1e-9, at);
        assertEquals(Math.exp(-stats.meanLogprob()), stats.perplexity(), 1e-9 * stats.perplexity(), at);
      }
    }
  }

  @Test
  void multiByteCharactersSplitAcrossTokensReassemble() {
    String alphabet = "aZ ,\n\\日本語é€ßñ😀🎉中文Ω";
    int[] codePoints = alphabet.codePoints().toArray();
    for (int c = 0; c < CASES; c++) {
      long seed = 9000 + c;
      SplittableRandom random = new SplittableRandom(seed);
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(1, 25);
      for (int i = 0; i < length; i++) {
        text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
      }
      String expected = text.toString();
      List<TokenLogprob> tokens = split(random, expected.getBytes(UTF_8));
      ProbabilityTable table = ProbabilityTable.of(tokens);
      String at = "case seed " + seed;

      assertEquals(expected, table.text(), at);
      StringBuilder rowTexts = new StringBuilder();
      for (TableRow row : table.rows()) {
        rowTexts.append(row.text());
        byte[] bytes = row.bytes();
        boolean standalone = Arrays.equals(bytes, Utf8.decode(bytes).getBytes(UTF_8));
        if (standalone && !row.text().isEmpty()) {
          assertEquals(row.text().replace("\\", "\\\\"), row.display(), at + ": a whole token shows its own text");
        }
        if (row.text().isEmpty()) {
          assertTrue(row.display().matches("(\\\\x[0-9A-F]{2})+"), at + ": a partial piece shows its bytes, was " + row.display());
        }
      }
      assertEquals(expected, rowTexts.toString(), at + ": each character sits on exactly one row");
    }
  }

  @Test
  void arbitraryBytesDecodeExactlyAsTheJdkDoes() {
    for (int c = 0; c < CASES; c++) {
      long seed = 13000 + c;
      SplittableRandom random = new SplittableRandom(seed);
      byte[] bytes = new byte[random.nextInt(1, 30)];
      for (int i = 0; i < bytes.length; i++) {
        // Mostly bytes near the interesting boundaries (lead, continuation, invalid).
        bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0x7F + random.nextInt(0x7A));
      }
      ProbabilityTable table = ProbabilityTable.of(split(random, bytes));
      assertEquals(new String(bytes, UTF_8), table.text(), "case seed " + seed);
    }
  }

  private static List<TokenLogprob> split(SplittableRandom random, byte[] bytes) {
    List<TokenLogprob> tokens = new ArrayList<>();
    int start = 0;
    while (start < bytes.length) {
      int end = Math.min(bytes.length, start + random.nextInt(1, 5));
      byte[] piece = Arrays.copyOfRange(bytes, start, end);
      // As llama.cpp does: the text is cut to valid UTF-8, the bytes are raw.
      tokens.add(new TokenLogprob(Utf8.decode(piece).replace("\uFFFD", ""), piece, null, -0.5, null));
      start = end;
    }
    return tokens;
  }

  private static int sample(SplittableRandom random, double[] p) {
    double u = random.nextDouble();
    double cumulative = 0;
    int last = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        cumulative += p[i];
        last = i;
        if (u < cumulative) {
          return i;
        }
      }
    }
    return last;
  }
}
