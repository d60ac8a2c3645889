package dev.nexttoken.logprob;

/**
 * Two answers' agreement over their comparable positions: the aligned positions whose texts agree
 * up to them, where both distributions predict the same context. Once the texts part, each side
 * continues a different text and their distributions no longer answer the same question, so the
 * later positions are listed in {@link Agreement#positions()} but left out of these figures.
 *
 * @param alignedPositions byte offsets where both answers have a token starting
 * @param comparablePositions those of them with the same text before them
 * @param top1Agreement the share of comparable positions (with candidates on both sides) whose most
 *     likely candidates are the same token; null when there are none
 * @param sameTokenRate the share of comparable positions where both chose the same token; null when none
 * @param meanTotalVariation bounds on the mean total-variation distance over the comparable positions; null when none
 * @param meanJensenShannon bounds on the mean Jensen–Shannon divergence (nats) over them; null when none
 * @param maxTotalVariation bounds on the largest total-variation distance among them; null when none
 * @param firstDifference the byte offset at which the texts first differ, or null when they are the same
 */
public record AgreementSummary(
    int alignedPositions,
    int comparablePositions,
    Double top1Agreement,
    Double sameTokenRate,
    Bounds meanTotalVariation,
    Bounds meanJensenShannon,
    Bounds maxTotalVariation,
    Integer firstDifference) {}
