package dev.nexttoken.logprob;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How two answers' next-token distributions agree, position by position: two providers answering the
 * same prompt, or two versions of one model (drift). Positions are aligned by byte offset
 * ({@link ByteAlignment}); at each offset where both answers have a token starting, the top-1
 * agreement, each chosen token's rank in the other's list, and bounds on the total-variation and
 * Jensen–Shannon divergence that account for what each side left unseen ({@link DivergenceBounds}).
 *
 * <pre>{@code
 * Agreement agreement = Agreement.of(first.table(), second.table(), TokenIdentity.TEXT);
 * Bounds tv = agreement.summary().meanTotalVariation();
 * }</pre>
 *
 * <p>For drift, score one text with both models ({@code dev.nexttoken.analysis.ModelComparison}):
 * then every position shares its context, and with one tokenizer {@link TokenIdentity#ID} applies.
 *
 * @param positions every aligned position, in offset order
 * @param summary the figures over the comparable ones
 * @param identity when the two sides name the same token
 */
public record Agreement(List<AlignedPosition> positions, AgreementSummary summary, TokenIdentity identity) {
  public Agreement {
    positions = List.copyOf(positions);
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(identity, "identity");
  }

  /** The agreement of two answers' tokens, compared by text. */
  public static Agreement of(List<TokenLogprob> a, List<TokenLogprob> b) {
    return of(ProbabilityTable.of(a), ProbabilityTable.of(b), TokenIdentity.TEXT);
  }

  /** The agreement of two answers' tables. */
  public static Agreement of(ProbabilityTable a, ProbabilityTable b, TokenIdentity identity) {
    return of(ByteAlignment.of(List.of(a, b)), 0, 1, identity);
  }

  /** The agreement of answers {@code i} and {@code j} of an alignment (A is {@code i}). */
  public static Agreement of(ByteAlignment alignment, int i, int j, TokenIdentity identity) {
    List<AlignedPosition> positions = new ArrayList<>();
    for (ByteAlignment.Row row : alignment.rows()) {
      TableRow a = row.cells().get(i);
      TableRow b = row.cells().get(j);
      if (a != null && b != null) {
        positions.add(AlignedPosition.of(row.offset(), a, b, alignment.samePrefix(i, j, row.offset()), identity));
      }
    }
    return new Agreement(positions, summarise(positions, alignment.firstDifference(i, j)), identity);
  }

  private static AgreementSummary summarise(List<AlignedPosition> positions, Integer firstDifference) {
    int comparable = 0;
    int withTop1 = 0;
    int top1 = 0;
    int same = 0;
    List<Bounds> tv = new ArrayList<>();
    List<Bounds> js = new ArrayList<>();
    double maxLower = 0;
    double maxUpper = 0;
    for (AlignedPosition p : positions) {
      if (!p.samePrefix()) {
        continue;
      }
      comparable++;
      if (p.top1Agree() != null) {
        withTop1++;
        top1 += p.top1Agree() ? 1 : 0;
      }
      same += p.sameToken() ? 1 : 0;
      Bounds t = p.divergence().totalVariation();
      tv.add(t);
      js.add(p.divergence().jensenShannon());
      maxLower = Math.max(maxLower, t.lower());
      maxUpper = Math.max(maxUpper, t.upper());
    }
    return new AgreementSummary(positions.size(), comparable,
        withTop1 == 0 ? null : (double) top1 / withTop1,
        comparable == 0 ? null : (double) same / comparable,
        Bounds.mean(tv), Bounds.mean(js), comparable == 0 ? null : new Bounds(maxLower, maxUpper), firstDifference);
  }
}
