package dev.nexttoken.logprob;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Several answers laid side by side by the byte offset at which each token starts in its answer's
 * text. Tokenizers differ, so positions are not comparable: one model's {@code " machine"} and
 * another's {@code " mach"} + {@code "ine"} share the row at the offset of {@code " mach"}, and
 * {@code "ine"} gets a row of its own. Bytes rather than characters, so that a token ending inside a
 * multi-byte character still has an offset of its own. A token's bytes are its reported bytes, or its
 * text in UTF-8 where the provider reports none.
 *
 * <pre>{@code
 * ByteAlignment aligned = ByteAlignment.of(List.of(first.table(), second.table()));
 * for (ByteAlignment.Row row : aligned.rows()) {
 *   TableRow mine = row.cells().get(0);   // null when no token of the first answer starts here
 * }
 * }</pre>
 */
public final class ByteAlignment {
  private final List<ProbabilityTable> tables;
  private final List<Row> rows;
  private final List<byte[]> texts;

  /**
   * One byte offset at which some answer has a token starting.
   *
   * @param offset the byte offset into the answers' texts
   * @param cells for each answer in order, its row starting at this offset, or null when none does
   */
  public record Row(int offset, List<TableRow> cells) {
    public Row {
      cells = Collections.unmodifiableList(new ArrayList<>(cells));
    }
  }

  private ByteAlignment(List<ProbabilityTable> tables) {
    this.tables = List.copyOf(tables);
    Map<Integer, TableRow[]> byOffset = new TreeMap<>();
    List<byte[]> bytes = new ArrayList<>();
    for (int t = 0; t < this.tables.size(); t++) {
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      for (TableRow row : this.tables.get(t).rows()) {
        TableRow[] cells = byOffset.computeIfAbsent(text.size(), k -> new TableRow[this.tables.size()]);
        if (cells[t] == null) { // a token of no bytes (an end of sequence) does not displace the one after it
          cells[t] = row;
        }
        text.writeBytes(bytesOf(row));
      }
      bytes.add(text.toByteArray());
    }
    List<Row> out = new ArrayList<>(byOffset.size());
    byOffset.forEach((offset, cells) -> out.add(new Row(offset, java.util.Arrays.asList(cells))));
    this.rows = List.copyOf(out);
    this.texts = List.copyOf(bytes);
  }

  /** The answers' tables aligned by byte offset, in the order given. */
  public static ByteAlignment of(List<ProbabilityTable> tables) {
    return new ByteAlignment(tables);
  }

  /** Every offset at which some answer has a token starting, in increasing order. */
  public List<Row> rows() {
    return rows;
  }

  /** The tables, in the order given. */
  public List<ProbabilityTable> tables() {
    return tables;
  }

  /** Answer {@code index}'s text as the bytes its tokens spell. */
  public byte[] bytes(int index) {
    return texts.get(index).clone();
  }

  /** Whether answers {@code i} and {@code j} spell the same bytes before {@code offset}. */
  public boolean samePrefix(int i, int j, int offset) {
    byte[] a = texts.get(i);
    byte[] b = texts.get(j);
    return offset <= a.length && offset <= b.length && java.util.Arrays.equals(a, 0, offset, b, 0, offset);
  }

  /** The first byte offset at which answers {@code i} and {@code j} differ, or null when they spell the same bytes. */
  public Integer firstDifference(int i, int j) {
    int at = java.util.Arrays.mismatch(texts.get(i), texts.get(j));
    return at < 0 ? null : at;
  }

  static byte[] bytesOf(TableRow row) {
    byte[] bytes = row.bytes();
    return bytes != null ? bytes : row.token().getBytes(UTF_8);
  }
}
