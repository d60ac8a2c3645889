package dev.nexttoken.logprob;

import static dev.nexttoken.logprob.Tokens.cand;
import static dev.nexttoken.logprob.Tokens.chosen;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.internal.ChunkSource;
import dev.nexttoken.internal.PulledCompletionStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each provider shape, rebuilt into rows with the right rank, masses and entropy. */
class ProbabilityTableTest {
  private static final double EPS = 1e-12;

  @Test
  void topKRowRanksTheChosenTokenAndSplitsTheMass() {
    double lp1 = Math.log(0.6);
    double lp2 = Math.log(0.3);
    TableRow row = ProbabilityTable.of(List.of(chosen(" the", lp2, cand(" a", lp1), cand(" the", lp2)))).row(0);

    assertEquals(2, row.rank());
    assertFalse(row.chosenIsArgmax());
    assertEquals(0.9, row.coveredMass(), EPS);
    assertEquals(0.1, row.unseenMass(), EPS);
    assertEquals(List.of(" a", " the"), row.candidates().stream().map(TokenCandidate::token).toList());
    double listed = Tokens.entropy(0.6, 0.3);
    assertEquals(listed - 0.1 * Math.log(0.1), row.entropy().lowerBound(), 1e-12);
    assertNull(row.entropy().upperBound(), "no vocabulary size, no upper bound");
    assertFalse(row.entropy().exact());
    assertEquals(0.3, row.probability(), EPS);
  }

  @Test
  void vocabularySizeGivesTheUniformSpreadAsUpperBound() {
    // Listed 0.5 and 0.25 of a 4-token vocabulary: 0.25 unseen over 2 tokens.
    TokenLogprob token = new TokenLogprob("t0", null, 0, Math.log(0.5), Tokens.fromProbabilities(0.5, 0.25));
    Entropy entropy = ProbabilityTable.of(List.of(token), 4).row(0).entropy();

    double listed = Tokens.entropy(0.5, 0.25);
    assertEquals(listed + Tokens.entropy(0.25), entropy.lowerBound(), 1e-12);
    assertEquals(Tokens.entropy(0.5, 0.25, 0.125, 0.125), entropy.upperBound(), 1e-12);
    assertFalse(entropy.exact());
  }

  @Test
  void oneUnlistedTokenLeftMakesTheEntropyExact() {
    TokenLogprob token = new TokenLogprob("t0", null, 0, Math.log(0.5), Tokens.fromProbabilities(0.5, 0.3));
    Entropy entropy = ProbabilityTable.of(List.of(token), 3).row(0).entropy();
    assertTrue(entropy.exact());
    assertEquals(Tokens.entropy(0.5, 0.3, 0.2), entropy.value(), 1e-12);
  }

  @Test
  void wholeDistributionListedGivesExactEntropyAndNoUnseenMass() {
    TokenLogprob token = new TokenLogprob("t1", null, 1, Math.log(0.25), Tokens.fromProbabilities(0.5, 0.25, 0.25));
    TableRow row = ProbabilityTable.of(List.of(token)).row(0);
    assertEquals(0.0, row.unseenMass(), EPS);
    assertTrue(row.entropy().exact());
    assertEquals(Tokens.entropy(0.5, 0.25, 0.25), row.entropy().value(), 1e-12);
    assertEquals(2, row.rank(), "ties keep the provider's order");
  }

  @Test
  void kAtLeastTheVocabularySizeIsExactEvenWhenRoundingLeavesMass() {
    TokenLogprob token = new TokenLogprob("t0", null, 0, Math.log(0.6), Tokens.fromProbabilities(0.6, 0.3));
    Entropy entropy = ProbabilityTable.of(List.of(token), 2).row(0).entropy();
    assertTrue(entropy.exact());
    assertEquals(Tokens.entropy(0.6, 0.3), entropy.value(), 1e-12);
  }

  @Test
  void cohereChosenOnlyLeavesEverythingElseUnknown() {
    TokenLogprob token = new TokenLogprob("Paris", null, 41521, -0.0031, null);
    TableRow row = ProbabilityTable.of(List.of(token)).row(0);

    assertFalse(row.alternativesKnown());
    assertTrue(row.candidates().isEmpty());
    assertNull(row.rank());
    assertNull(row.coveredMass());
    assertNull(row.unseenMass());
    assertNull(row.entropy());
    assertEquals(-0.0031, row.logprob());
    assertEquals(41521, row.id());
    assertEquals("Paris", row.text(), "text falls back to the token when bytes are unknown");
  }

  @Test
  void emptyAlternativesAreUnknownToo() {
    TableRow row = ProbabilityTable.of(List.of(chosen("x", -0.5))).row(0);
    assertFalse(row.alternativesKnown());
    assertNull(row.unseenMass());
    assertNull(row.rank());
  }

  @Test
  void chosenOutsideTheListIsCountedAsCoveredWithoutARank() {
    TableRow row = ProbabilityTable.of(List.of(chosen("c", Math.log(0.1), cand("a", Math.log(0.5)), cand("b", Math.log(0.2))))).row(0);
    assertNull(row.rank());
    assertEquals(0.8, row.coveredMass(), EPS);
    assertEquals(0.2, row.unseenMass(), EPS);
    double listed = Tokens.entropy(0.5, 0.2, 0.1);
    assertEquals(listed + Tokens.entropy(0.2), row.entropy().lowerBound(), 1e-12);
  }

  @Test
  void sentinelsStayCandidatesWithProbabilityZero() {
    double openAi = Logprobs.fromProviderLogprob(Logprobs.OPENAI_SENTINEL);
    double llama = Logprobs.fromProviderLogprob(Logprobs.FLOAT_LOWEST);
    TokenLogprob token = new TokenLogprob("a", null, 1, 0.0,
        List.of(cand(1, "a", 0.0), cand(2, "b", llama), cand(3, "c", openAi)));
    TableRow row = ProbabilityTable.of(List.of(token)).row(0);

    assertEquals(3, row.candidates().size());
    assertEquals(0.0, row.candidates().get(1).probability());
    assertEquals(0.0, row.candidates().get(2).probability());
    assertEquals(1.0, row.coveredMass(), EPS);
    assertTrue(row.entropy().exact());
    assertEquals(0.0, row.entropy().value(), "0 ln 0 counts as 0, not NaN");
  }

  @Test
  void chosenWithSentinelLogprobOutsideTheTop20() {
    TokenLogprob token = chosen("rare", Logprobs.fromProviderLogprob(-9999.0), cand("a", Math.log(0.7)));
    ProbabilityTable table = ProbabilityTable.of(List.of(token));
    TableRow row = table.row(0);
    assertNull(row.rank());
    assertEquals(0.0, row.probability());
    assertEquals(0.7, row.coveredMass(), EPS);
    assertEquals(Double.NEGATIVE_INFINITY, table.stats().totalLogprob());
    assertEquals(Double.POSITIVE_INFINITY, table.stats().perplexity());
  }

  @Test
  void linearProbabilitiesBecomeTheSameRows() {
    TokenLogprob fromLinear = new TokenLogprob("a", null, 5, Logprobs.fromProbability(0.75),
        List.of(new TokenCandidate("a", null, 5, Logprobs.fromProbability(0.75)),
            new TokenCandidate("b", null, 6, Logprobs.fromProbability(0.0))));
    TableRow row = ProbabilityTable.of(List.of(fromLinear)).row(0);
    assertEquals(0.75, row.candidates().get(0).probability(), 1e-12);
    assertEquals(0.0, row.candidates().get(1).probability());
    assertEquals(0.25, row.unseenMass(), 1e-12);
  }

  @Test
  void legacyDuplicateOfTheChosenTokenIsDroppedKeepingTheFirst() {
    // Legacy completions: top 2 plus the sampled token listed again = 3 entries, one a repeat.
    TokenLogprob token = new TokenLogprob(" the", null, null, -1.2,
        List.of(new TokenCandidate(" a", null, null, -0.5), new TokenCandidate(" the", null, null, -1.2),
            new TokenCandidate(" the", null, null, -1.2000001)));
    TableRow row = ProbabilityTable.of(List.of(token)).row(0);
    assertEquals(2, row.candidates().size());
    assertEquals(-1.2, row.candidates().get(1).logprob());
    assertEquals(2, row.rank());
    assertEquals(Math.exp(-0.5) + Math.exp(-1.2), row.coveredMass(), 1e-12);
  }

  @Test
  void unsortedCandidatesAreRankOrdered() {
    TokenLogprob token = chosen("b", -0.2, cand("c", -3.0), cand("b", -0.2), cand("a", -2.0));
    TableRow row = ProbabilityTable.of(List.of(token)).row(0);
    assertEquals(List.of("b", "a", "c"), row.candidates().stream().map(TokenCandidate::token).toList());
    assertEquals(1, row.rank());
    assertTrue(row.chosenIsArgmax());
  }

  @Test
  void zeroRanksAboveNegativeZeroAsTheSortOrdersThem() {
    TokenLogprob token = chosen("c", 0.0, cand("b", -0.0), cand("c", 0.0));
    TableRow row = ProbabilityTable.of(List.of(token)).row(0);
    assertEquals(List.of("c", "b"), row.candidates().stream().map(TokenCandidate::token).toList());
    assertEquals(1, row.rank());
  }

  @Test
  void repeatsAfterTheFirstAreDroppedWhereverTheyAre() {
    TokenLogprob token = chosen("a", -0.1, cand("a", -0.1), cand("b", -1.0), cand("a", -0.1), cand("c", -2.0), cand("b", -1.0));
    TableRow row = ProbabilityTable.of(List.of(token)).row(0);
    assertEquals(List.of("a", "b", "c"), row.candidates().stream().map(TokenCandidate::token).toList());
  }

  @Test
  void roundedProbabilitiesAboveOneAreClamped() {
    TokenLogprob token = new TokenLogprob("a", null, 1, -0.1, List.of(cand(1, "a", Math.log(0.6000004)), cand(2, "b", Math.log(0.4))));
    TableRow row = ProbabilityTable.of(List.of(token)).row(0);
    assertEquals(1.0, row.coveredMass());
    assertEquals(0.0, row.unseenMass());
  }

  @Test
  void fewerCandidatesThanAskedIsFine() {
    TableRow row = ProbabilityTable.of(List.of(chosen("a", -0.01, cand("a", -0.01)))).row(0);
    assertEquals(1, row.candidates().size());
    assertEquals(1, row.rank());
  }

  @Test
  void nullFirstLogprobIsLeftOutOfTheStatistics() {
    List<TokenLogprob> prompt = List.of(
        new TokenLogprob("Hello", null, null, null, null),
        new TokenLogprob(" world", null, null, -2.0, null),
        new TokenLogprob("!", null, null, -1.0, null));
    Completion completion = new Completion("", null, null, null, null, List.of(), prompt);
    ProbabilityTable table = completion.promptTable(null);

    SequenceStats stats = table.stats();
    assertEquals(3, stats.tokens());
    assertEquals(2, stats.knownLogprobs());
    assertEquals(-3.0, stats.totalLogprob(), EPS);
    assertEquals(-1.5, stats.meanLogprob(), EPS);
    assertEquals(Math.exp(1.5), stats.perplexity(), 1e-12);
    assertNull(table.row(0).logprob());
    assertNull(table.row(0).probability());
    assertEquals("Hello world!", table.text());
  }

  @Test
  void noKnownLogprobGivesNoMeanNorPerplexity() {
    SequenceStats stats = ProbabilityTable.of(List.of(new TokenLogprob("x", null, null, null, null))).stats();
    assertEquals(0, stats.knownLogprobs());
    assertNull(stats.meanLogprob());
    assertNull(stats.perplexity());
  }

  @Test
  void completionWithoutLogprobsIsRefusedWithAHint() {
    Completion plain = new Completion("hi", null, null, null, null, null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.table());
    assertTrue(e.getMessage().contains("topLogprobs"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> plain.promptTable(null));
    assertThrows(IllegalArgumentException.class, () -> ProbabilityTable.of(List.of(), 0));
  }

  @Test
  void streamedAndWholeResponsesGiveTheSameTable() {
    TokenLogprob first = chosen(" Paris", -0.02, cand(" Paris", -0.02), cand(" the", -4.1));
    TokenLogprob second = chosen(".", -0.41, cand(".", -0.41), cand(",", -1.3));
    Deque<Chunk> chunks = new ArrayDeque<>(List.of(
        new Chunk(" Paris", List.of(first), null, null, null, null, Map.of()),
        new Chunk(".", List.of(second), FinishReason.of(FinishReason.Kind.STOP, "stop"), null, null, null, Map.of())));
    ChunkSource source = new ChunkSource() {
      @Override
      public Chunk next() {
        return chunks.poll();
      }

      @Override
      public void close() {}
    };
    ProbabilityTable streamed;
    try (CompletionStream stream = new PulledCompletionStream(source, ResponseMetadata.EMPTY)) {
      streamed = stream.collect().table(null);
    }
    ProbabilityTable whole = new Completion(" Paris.", null, null, null, null, List.of(first, second), null).table();
    assertEquals(whole.rows(), streamed.rows());
    assertEquals(" Paris.", streamed.text());
  }

  @Test
  void characterSplitAcrossTokensIsShownWhereItCompletes() {
    List<TokenLogprob> tokens = List.of(
        new TokenLogprob("", new byte[] {(byte) 0xE6}, 1, -0.1, null),
        new TokenLogprob("", new byte[] {(byte) 0x97, (byte) 0xA5}, 2, -0.2, null),
        new TokenLogprob("本", "本".getBytes(UTF_8), 3, -0.3, null));
    ProbabilityTable table = ProbabilityTable.of(tokens);

    assertEquals("日本", table.text());
    assertEquals("", table.row(0).text());
    assertEquals("\\xE6", table.row(0).display());
    assertEquals("日", table.row(1).text());
    assertEquals("日", table.row(1).display());
    assertEquals("本", table.row(2).display());
    assertArrayEquals(new byte[] {(byte) 0x97, (byte) 0xA5}, table.row(1).bytes());
  }

  @Test
  void unfinishedCharacterAtTheEndBecomesAReplacementCharacter() {
    ProbabilityTable table = ProbabilityTable.of(List.of(
        new TokenLogprob("a", null, null, -0.1, null),
        new TokenLogprob("", new byte[] {(byte) 0xF0, (byte) 0x9F}, null, -0.1, null)));
    assertEquals("a\uFFFD", table.text());
    assertEquals("\\xF0\\x9F", table.row(1).display());
  }

  @Test
  void literalBackslashesAreDoubledInTheDisplaySoEscapesStayUnambiguous() {
    TableRow row = ProbabilityTable.of(List.of(new TokenLogprob("\\x41", null, null, -0.1, null))).row(0);
    assertEquals("\\x41", row.text());
    assertEquals("\\\\x41", row.display());
  }
}
