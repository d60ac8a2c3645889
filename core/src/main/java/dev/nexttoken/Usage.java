package dev.nexttoken;

/**
 * Token counts of one call; a count the provider did not report is null, never guessed.
 *
 * @param promptTokens tokens the model read
 * @param completionTokens tokens the model generated
 * @param totalTokens their sum as the provider reports it (or computed when both parts are known)
 */
public record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens) {
  public static final Usage UNKNOWN = new Usage(null, null, null);

  /** Usage from the two parts, with the total computed. */
  public static Usage of(Integer promptTokens, Integer completionTokens) {
    Integer total = promptTokens != null && completionTokens != null ? promptTokens + completionTokens : null;
    return new Usage(promptTokens, completionTokens, total);
  }
}
