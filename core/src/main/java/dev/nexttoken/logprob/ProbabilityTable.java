package dev.nexttoken.logprob;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-position next-token distributions of a generated (or scored) sequence, rebuilt from the
 * neutral logprobs any provider returns: for each position the candidates in rank order, the
 * chosen token and its rank, the probability mass listed and unseen, and the entropy; for the whole
 * sequence, total and mean logprob and perplexity.
 *
 * <pre>{@code
 * Completion answer = model.complete(CompletionRequest.builder("Weights and Biases is")
 *     .maxTokens(5).topLogprobs(5).build());
 * ProbabilityTable table = answer.table(model.capabilities().vocabularySize());
 * System.out.println(table.render(TableFormat.TEXT));
 * }</pre>
 *
 * <p>Nothing is invented: a provider that lists no alternatives (Cohere) gives rows whose rank,
 * masses and entropy are null. A character whose UTF-8 bytes span several tokens is decoded
 * across them: {@link #text()} holds it whole, and each {@link TableRow} shows it on the token
 * that completes it (earlier pieces show their bytes as {@code \xNN}). Immutable and thread-safe.
 */
public final class ProbabilityTable {
  private final List<TableRow> rows;
  private final String text;
  private final SequenceStats stats;
  private final Integer vocabularySize;

  private ProbabilityTable(List<TableRow> rows, String text, SequenceStats stats, Integer vocabularySize) {
    this.rows = List.copyOf(rows);
    this.text = text;
    this.stats = stats;
    this.vocabularySize = vocabularySize;
  }

  /** The table of {@code tokens}, in order, vocabulary size unknown. */
  public static ProbabilityTable of(List<TokenLogprob> tokens) {
    return of(tokens, null);
  }

  /**
   * The table of {@code tokens}, in order.
   *
   * @param vocabularySize the model's vocabulary size ({@code Capabilities.vocabularySize()}), or
   *     null when unknown; with it, entropy gets an upper bound too
   */
  public static ProbabilityTable of(List<TokenLogprob> tokens, Integer vocabularySize) {
    if (vocabularySize != null && vocabularySize < 1) {
      throw new IllegalArgumentException("vocabularySize must be positive, was " + vocabularySize);
    }
    List<TableRow> rows = new ArrayList<>(tokens.size());
    List<Double> logprobs = new ArrayList<>(tokens.size());
    Utf8.Assembler assembler = new Utf8.Assembler();
    StringBuilder text = new StringBuilder();
    for (TokenLogprob token : tokens) {
      byte[] bytes = token.sharedBytes() != null ? token.sharedBytes() : token.token().getBytes(UTF_8);
      Utf8.Piece piece = assembler.feed(bytes);
      text.append(piece.text());
      rows.add(RowBuilder.build(rows.size(), token, vocabularySize, piece));
      logprobs.add(token.logprob());
    }
    text.append(assembler.finish());
    return new ProbabilityTable(rows, text.toString(), SequenceStats.of(logprobs), vocabularySize);
  }

  /** One row per position, in order. */
  public List<TableRow> rows() {
    return rows;
  }

  /** The row at {@code position}. */
  public TableRow row(int position) {
    return rows.get(position);
  }

  /** The number of positions. */
  public int size() {
    return rows.size();
  }

  /**
   * The sequence's text, decoded from the tokens' bytes where known (their text otherwise), with
   * characters split across tokens joined; bytes that never form a character become U+FFFD.
   */
  public String text() {
    return text;
  }

  /** Total and mean logprob and perplexity over the positions whose logprob is known. */
  public SequenceStats stats() {
    return stats;
  }

  /** The vocabulary size the entropy bounds used, or null when unknown. */
  public Integer vocabularySize() {
    return vocabularySize;
  }

  /** This table in a format's default rendering ({@code table.render(TableFormat.HTML)}). */
  public String render(TableFormat format) {
    return format.renderer().render(this);
  }
}
