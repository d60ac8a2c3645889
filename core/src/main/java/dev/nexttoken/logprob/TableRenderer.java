package dev.nexttoken.logprob;

/**
 * Turns a {@link ProbabilityTable} or a {@link WalkResult} into a document of one format; see
 * {@link TableFormat} for the defaults. Implementations are immutable and thread-safe.
 */
public interface TableRenderer {
  /** The table as a document. */
  String render(ProbabilityTable table);

  /** The walk as a document: each step's prompt, distribution and choice. */
  String render(WalkResult walk);
}
