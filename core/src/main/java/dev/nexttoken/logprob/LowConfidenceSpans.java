package dev.nexttoken.logprob;

import java.util.ArrayList;
import java.util.List;

/** Finds the stretches of consecutive tokens under a probability threshold, as character spans of the text. */
final class LowConfidenceSpans {
  private LowConfidenceSpans() {}

  static List<ConfidenceSpan> of(ProbabilityTable table, double threshold) {
    String text = table.text();
    List<ConfidenceSpan> spans = new ArrayList<>();
    Open open = null;
    int offset = 0;
    for (TableRow row : table.rows()) {
      Double p = row.probability();
      if (p != null && p < threshold) {
        if (open == null) {
          open = new Open(offset, row.position());
        }
        open.add(row, p);
      } else if (open != null) {
        spans.add(open.close(text, offset));
        open = null;
      }
      offset += row.text().length();
    }
    if (open != null) {
      spans.add(open.close(text, offset));
    }
    return spans;
  }

  /** A span still growing. */
  private static final class Open {
    final int start;
    final int first;
    int last;
    double min = 1;
    boolean endsInsideCharacter;

    Open(int start, int first) {
      this.start = start;
      this.first = first;
    }

    void add(TableRow row, double p) {
      last = row.position();
      min = Math.min(min, p);
      // A token that only starts a character has no text of its own: the character it helps spell
      // is shown on a later token, and the span must reach it.
      endsInsideCharacter = row.text().isEmpty() && !row.display().isEmpty();
    }

    ConfidenceSpan close(String text, int end) {
      if (endsInsideCharacter && end < text.length()) {
        end = text.offsetByCodePoints(end, 1);
      }
      return new ConfidenceSpan(start, end, text.substring(start, end), first, last, min);
    }
  }
}
