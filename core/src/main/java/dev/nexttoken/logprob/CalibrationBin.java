package dev.nexttoken.logprob;

/**
 * One bin of a reliability diagram: the items whose top label's probability fell in [lower, upper)
 * (the last bin also holds 1.0).
 *
 * @param lower the bin's lower edge
 * @param upper its upper edge
 * @param count how many items fell in it
 * @param confidence their mean top-label probability, or null when the bin is empty
 * @param accuracy the share of them whose top label was right, or null when the bin is empty
 */
public record CalibrationBin(double lower, double upper, int count, Double confidence, Double accuracy) {}
