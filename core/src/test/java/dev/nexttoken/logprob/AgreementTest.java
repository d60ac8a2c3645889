package dev.nexttoken.logprob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two answers aligned by byte offset, and what their distributions agree on at each shared offset. */
class AgreementTest {
  /** A token with its candidates given as text, probability pairs (the first pair's token is not implied chosen). */
  private static TokenLogprob token(String chosen, double p, Object... candidates) {
    List<TokenCandidate> top = new ArrayList<>();
    for (int i = 0; i < candidates.length; i += 2) {
      top.add(new TokenCandidate((String) candidates[i], ((String) candidates[i]).getBytes(UTF_8), null, Math.log((Double) candidates[i + 1])));
    }
    return new TokenLogprob(chosen, chosen.getBytes(UTF_8), null, Math.log(p), top);
  }

  private final List<TokenLogprob> whole = List.of(
      token(" the", 0.6, " the", 0.6, " a", 0.3),
      token(" machine", 0.5, " machine", 0.5, " mach", 0.2),
      token(" learning", 0.9, " learning", 0.9));
  private final List<TokenLogprob> split = List.of(
      token(" the", 0.5, " the", 0.5, " a", 0.4),
      token(" mach", 0.4, " machine", 0.45, " mach", 0.4),
      token("ine", 0.99, "ine", 0.99),
      token(" learning", 0.8, " learning", 0.8));

  @Test
  void positionsAreAlignedWhereBothHaveATokenStarting() {
    Agreement agreement = Agreement.of(whole, split);

    assertEquals(List.of(0, 4, 12), agreement.positions().stream().map(AlignedPosition::offset).toList());
    AlignedPosition second = agreement.positions().get(1);
    assertEquals(" machine", second.tokenA());
    assertEquals(" mach", second.tokenB());
    assertFalse(second.sameToken());
    assertTrue(second.top1Agree(), "both lists lead with \" machine\"");
    assertEquals(1, second.rankOfAInB());
    assertEquals(2, second.rankOfBInA());
    AlignedPosition third = agreement.positions().get(2);
    assertEquals(2, third.positionA());
    assertEquals(3, third.positionB());
    assertTrue(third.samePrefix(), "both texts spell \" the machine\" before offset 12");
  }

  @Test
  void eachPositionCarriesTheBoundsOfItsTwoRows() {
    Agreement agreement = Agreement.of(whole, split);

    AlignedPosition first = agreement.positions().get(0);
    DivergenceBounds expected = DivergenceBounds.between(ProbabilityTable.of(whole).row(0), ProbabilityTable.of(split).row(0), TokenIdentity.TEXT);
    assertEquals(expected, first.divergence());
    // Shared " the" and " a": |0.6 − 0.5| + |0.3 − 0.4| = 0.2 seen; 0.1 unseen on each side.
    assertEquals(0.1, first.divergence().totalVariation().lower(), 1e-12);
    assertEquals(0.2, first.divergence().totalVariation().upper(), 1e-12);
  }

  @Test
  void theSummaryCoversThePositionsWhoseContextsAgree() {
    List<TokenLogprob> parted = List.of(
        token(" the", 0.6, " the", 0.6, " a", 0.3),
        token(" machina", 0.2, " machine", 0.5, " machina", 0.2),
        token(" tool", 0.9, " tool", 0.9));
    Agreement agreement = Agreement.of(whole, parted);

    assertEquals(3, agreement.summary().alignedPositions());
    // Offsets 0 and 4 follow the same text; offset 12 follows " the machine" on one side and " the machina" on the other.
    assertEquals(List.of(true, true, false), agreement.positions().stream().map(AlignedPosition::samePrefix).toList());
    assertEquals(2, agreement.summary().comparablePositions());
    assertEquals(1.0, agreement.summary().top1Agreement());
    assertEquals(0.5, agreement.summary().sameTokenRate());
    assertEquals(11, agreement.summary().firstDifference());
    double tv0 = agreement.positions().get(0).divergence().totalVariation().upper();
    double tv1 = agreement.positions().get(1).divergence().totalVariation().upper();
    assertEquals((tv0 + tv1) / 2, agreement.summary().meanTotalVariation().upper(), 1e-12);
    assertEquals(Math.max(tv0, tv1), agreement.summary().maxTotalVariation().upper(), 1e-12);
  }

  @Test
  void anAnswerComparedWithItselfAgreesEverywhere() {
    Agreement agreement = Agreement.of(whole, whole);

    assertNull(agreement.summary().firstDifference());
    assertEquals(1.0, agreement.summary().top1Agreement());
    assertEquals(1.0, agreement.summary().sameTokenRate());
    assertEquals(0, agreement.summary().meanTotalVariation().lower(), 1e-12);
    assertEquals(0, agreement.summary().meanJensenShannon().lower(), 1e-12);
  }

  @Test
  void withoutAlternativesOnlyTheChosenTokensAreSeen() {
    List<TokenLogprob> bare = List.of(new TokenLogprob(" the", null, null, Math.log(0.6), null));
    Agreement agreement = Agreement.of(whole.subList(0, 1), bare);

    AlignedPosition p = agreement.positions().get(0);
    assertNull(p.top1Agree());
    assertNull(p.rankOfAInB());
    assertEquals(1, p.rankOfBInA());
    // Both give " the" 0.6; the rest of the bare side is unseen, so the lower bound is 0.
    assertEquals(0, p.divergence().totalVariation().lower(), 1e-12);
    assertEquals(0.4, p.divergence().totalVariation().upper(), 1e-12);
  }

  @Test
  void offsetsCountBytesSoAMultiByteCharacterSplitAcrossTokensKeepsItsOffsets() {
    // "é" is two bytes: one side has it as one token, the other as two byte tokens.
    TokenLogprob e = new TokenLogprob("é", "é".getBytes(UTF_8), null, Math.log(0.5), List.of());
    TokenLogprob lead = new TokenLogprob("", new byte[] {(byte) 0xC3}, null, Math.log(0.5), List.of());
    TokenLogprob trail = new TokenLogprob("", new byte[] {(byte) 0xA9}, null, Math.log(0.5), List.of());
    TokenLogprob dot = new TokenLogprob(".", null, null, Math.log(0.5), List.of());
    ByteAlignment aligned = ByteAlignment.of(List.of(ProbabilityTable.of(List.of(e, dot)), ProbabilityTable.of(List.of(lead, trail, dot))));

    assertEquals(List.of(0, 1, 2), aligned.rows().stream().map(ByteAlignment.Row::offset).toList());
    assertNull(aligned.rows().get(1).cells().get(0));
    assertTrue(aligned.samePrefix(0, 1, 2));
    assertNull(aligned.firstDifference(0, 1));
  }
}
