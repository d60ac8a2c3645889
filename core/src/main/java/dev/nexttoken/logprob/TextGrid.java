package dev.nexttoken.logprob;

import java.util.ArrayList;
import java.util.List;

/** Aligned columns for a terminal; widths count display columns, colours do not take space. */
final class TextGrid {
  /** One cell: text, alignment, and an ANSI SGR code (e.g. "32") or null. */
  record Cell(String text, boolean right, String color) {
    static Cell left(String text) {
      return new Cell(text, false, null);
    }

    static Cell right(String text) {
      return new Cell(text, true, null);
    }
  }

  private final List<List<Cell>> rows = new ArrayList<>();
  private final boolean color;

  TextGrid(boolean color) {
    this.color = color;
  }

  void add(List<Cell> row) {
    rows.add(row);
  }

  void render(StringBuilder out, String indent) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<Cell> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], TokenText.width(row.get(i).text()));
      }
    }
    for (List<Cell> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < row.size(); i++) {
        Cell cell = row.get(i);
        String pad = " ".repeat(widths[i] - TokenText.width(cell.text()));
        String text = color && cell.color() != null ? "\u001B[" + cell.color() + "m" + cell.text() + "\u001B[0m" : cell.text();
        line.append(cell.right() ? pad + text : text + pad);
        if (i < row.size() - 1) {
          line.append("  ");
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  /** Green for likely, yellow for plausible, red for unlikely; null when unknown. */
  static String colorOf(Double probability) {
    if (probability == null) {
      return null;
    }
    return probability >= 0.5 ? "32" : probability >= 0.1 ? "33" : "31";
  }
}
