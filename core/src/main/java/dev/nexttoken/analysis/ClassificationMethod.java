package dev.nexttoken.analysis;

/** How a {@link Classifier} found each label's probability. */
public enum ClassificationMethod {
  /**
   * Each label scored after the prompt with {@code LanguageModel.score}: {@code log P(label | prompt)}
   * summed over all of its tokens, exact however many tokens it has (llama.cpp, OpenAI legacy, vLLM).
   */
  EXACT("exact"),
  /**
   * One generated position's alternatives: a label's probability is that of the listed candidate
   * that spells the longest start of it. Exact for labels of one token; for longer labels it is the
   * probability of their first token, an upper bound on the label's. A label whose first token is not
   * listed has no probability, and the mass outside the listed candidates is reported.
   */
  FIRST_TOKEN("first-token");

  private final String label;

  ClassificationMethod(String label) {
    this.label = label;
  }

  /** The method's name in reports: {@code "exact"} or {@code "first-token"}. */
  public String label() {
    return label;
  }
}
