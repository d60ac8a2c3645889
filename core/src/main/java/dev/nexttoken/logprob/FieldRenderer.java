package dev.nexttoken.logprob;

import static dev.nexttoken.logprob.TokenText.html;

import java.util.List;

/**
 * Shows a structured answer's fields with how sure the model was of each ({@link FieldConfidence}):
 * as a text table, a Markdown table, or an HTML section where each value in the JSON is coloured by
 * its probability (red unlikely, green likely, grey unknown), like the tokens of {@link HtmlRenderer}.
 */
public final class FieldRenderer {
  private FieldRenderer() {}

  /** An aligned text table: path, value, probability, logprob, least likely token; probabilities coloured when {@code color}. */
  public static String text(List<FieldConfidence> fields, boolean color) {
    TextGrid grid = new TextGrid(color);
    grid.add(List.of(TextGrid.Cell.left("field"), TextGrid.Cell.left("value"), TextGrid.Cell.right("prob"),
        TextGrid.Cell.right("logprob"), TextGrid.Cell.left("least likely token")));
    for (FieldConfidence f : fields) {
      String[] c = cells(f);
      grid.add(List.of(TextGrid.Cell.left(c[0]), TextGrid.Cell.left(c[1]),
          new TextGrid.Cell(c[2], true, TextGrid.colorOf(f.probability())), TextGrid.Cell.right(c[3]), TextGrid.Cell.left(c[4])));
    }
    StringBuilder out = new StringBuilder();
    grid.render(out, "");
    return out.toString();
  }

  /** A Markdown table with the same columns as {@link #text}. */
  public static String markdown(List<FieldConfidence> fields) {
    StringBuilder out = new StringBuilder("| field | value | prob | logprob | least likely token |\n|---|---|---:|---:|---|\n");
    for (FieldConfidence f : fields) {
      out.append('|');
      for (String cell : cells(f)) {
        out.append(' ').append(cell.replace("|", "\\|")).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * An HTML section: the JSON text with each value in a {@code span.field} carrying
   * {@code data-path}, {@code data-prob} and {@code data-logprob} (empty when unknown) and a
   * background by probability, then a table of the fields. Everything is HTML-escaped.
   */
  public static String htmlSection(String json, List<FieldConfidence> fields) {
    StringBuilder out = new StringBuilder("<h2>Fields</h2>\n<p>Each value is coloured by the probability the model gave it "
        + "(the product of its tokens' probabilities; quotes, keys and braces do not count).</p>\n<div class=\"text json\">");
    int at = 0;
    for (FieldConfidence f : fields) {
      out.append(html(json.substring(at, f.start())));
      Double p = f.probability();
      out.append("<span class=\"field\" data-path=\"").append(html(f.path())).append("\" data-prob=\"").append(p == null ? "" : p)
          .append("\" data-logprob=\"").append(f.logprob() == null ? "" : f.logprob()).append("\" title=\"")
          .append(html(f.path() + "  p=" + TokenText.probability(p))).append("\" style=\"background:")
          .append(HtmlRenderer.background(p)).append("\">").append(html(json.substring(f.start(), f.end()))).append("</span>");
      at = f.end();
    }
    out.append(html(json.substring(at))).append("</div>\n");
    out.append("<table class=\"fields\"><thead><tr><th>field</th><th>value</th><th>prob</th><th>logprob</th>"
        + "<th>least likely token</th></tr></thead><tbody>\n");
    for (FieldConfidence f : fields) {
      String[] c = cells(f);
      out.append("<tr><td><code>").append(html(c[0])).append("</code></td><td><code>").append(html(c[1])).append("</code></td><td class=\"n\">")
          .append(html(c[2])).append("</td><td class=\"n\">").append(html(c[3])).append("</td><td><code>").append(html(c[4]))
          .append("</code></td></tr>\n");
    }
    return out.append("</tbody></table>\n").toString();
  }

  private static String[] cells(FieldConfidence f) {
    TokenLogprob least = f.leastLikely();
    return new String[] {
      f.path(),
      f.value() instanceof String s ? Logprobs.quote(s) : String.valueOf(f.value()),
      TokenText.probability(f.probability()),
      TokenText.logprob(f.logprob()),
      least == null ? "" : TokenText.displayOf(least.token(), least.sharedBytes()) + " " + TokenText.probability(least.probability())
    };
  }
}
