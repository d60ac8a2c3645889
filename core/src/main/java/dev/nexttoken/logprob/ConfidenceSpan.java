package dev.nexttoken.logprob;

/**
 * A stretch of an answer's text made of consecutive tokens the model was unsure of.
 *
 * @param start the first character, as a {@code String} index into the answer's text
 * @param end one past the last character
 * @param text the characters, {@code text.substring(start, end)}
 * @param firstPosition the first token's position
 * @param lastPosition the last token's position
 * @param minProbability the least likely token's probability in the span
 */
public record ConfidenceSpan(int start, int end, String text, int firstPosition, int lastPosition, double minProbability) {
  public ConfidenceSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("a span needs 0 <= start <= end, was " + start + ".." + end);
    }
    if (lastPosition < firstPosition) {
      throw new IllegalArgumentException("lastPosition " + lastPosition + " is before firstPosition " + firstPosition);
    }
  }
}
