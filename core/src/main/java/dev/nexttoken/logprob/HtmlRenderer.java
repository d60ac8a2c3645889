package dev.nexttoken.logprob;

import static dev.nexttoken.logprob.TokenText.html;

import java.util.Objects;

/**
 * A self-contained HTML page: the text with each token coloured by its probability (red unlikely,
 * green likely, grey unknown), its candidates shown when the pointer rests on it (or it has keyboard
 * focus), and below it the full table. Styles are inline and the page has no scripts and no
 * links, so it opens offline and requests nothing.
 *
 * <p>Each token is a {@code span.tok} whose own text is the token's display text (see
 * {@link TableRow#display()}) and which carries {@code data-position}, {@code data-token},
 * {@code data-prob}, {@code data-logprob} and {@code data-rank} (empty when unknown; as the JSON's
 * {@code rank}, {@link TableRow#knownRank()}); its
 * {@code span.tip} lists the candidates as {@code span.cand} with {@code data-token} and
 * {@code data-prob}, the chosen one with class {@code chosen}. Everything is HTML-escaped.
 *
 * @param title the page title
 */
public record HtmlRenderer(String title) implements TableRenderer {
  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:70em}
      .text{font-family:ui-monospace,monospace;font-size:1.1em;line-height:2.2;white-space:pre-wrap;border:1px solid #ccc;padding:1em;border-radius:6px}
      .prompt{color:#555}
      .tok{position:relative;border-radius:3px;padding:1px 0;outline:1px solid #fff;cursor:default}
      .tok .tip{display:none;position:absolute;left:0;top:1.9em;z-index:10;background:#fff;border:1px solid #888;border-radius:4px;padding:4px 6px;white-space:nowrap;font-size:.85em;line-height:1.4;box-shadow:0 2px 6px rgba(0,0,0,.2)}
      .tok:hover .tip,.tok:focus .tip{display:block}
      .cand{display:block}
      .cand.chosen{font-weight:bold}
      .cand .p{display:inline-block;min-width:4.5em;text-align:right;margin-left:1em}
      .tipnote{display:block;color:#666;margin-top:2px}
      table{border-collapse:collapse;margin-top:1.5em;font-size:.9em}
      td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
      td.n{text-align:right;font-family:ui-monospace,monospace}
      code{font-family:ui-monospace,monospace}
      mark.low{background:none;outline:2px solid #c00;border-radius:3px}
      table.uncertainty td:first-child{text-align:left}
      """;

  public HtmlRenderer {
    Objects.requireNonNull(title, "title");
  }

  @Override
  public String render(ProbabilityTable table) {
    return render(table, null);
  }

  /**
   * The page for a structured answer: the tokens, then the fields of {@code json} coloured by their
   * confidence ({@link FieldRenderer#htmlSection}), then the table.
   */
  public String render(ProbabilityTable table, String json, java.util.List<FieldConfidence> fields) {
    return render(table, FieldRenderer.htmlSection(json, fields));
  }

  private String render(ProbabilityTable table, String section) {
    StringBuilder out = start();
    out.append("<div class=\"text\">");
    appendTokens(out, table);
    out.append("</div>\n");
    if (section != null) {
      out.append(section);
    }
    appendStats(out, table.stats());
    out.append("<table class=\"rows\"><thead><tr><th>#</th><th>token</th><th>prob</th><th>logprob</th><th>rank</th>"
        + "<th>unseen</th><th>entropy</th><th>candidates</th></tr></thead><tbody>\n");
    for (TableRow row : table.rows()) {
      out.append("<tr><td class=\"n\">").append(row.position()).append("</td>");
      appendCells(out, row);
      out.append("</tr>\n");
    }
    out.append("</tbody></table>\n");
    return end(out);
  }

  /**
   * The page for an answer's uncertainty: the tokens, each low-confidence span outlined as a
   * {@code mark.low} carrying {@code data-start}, {@code data-end} (character offsets into the text)
   * and {@code data-min-prob}; the uncertainty figures; then the table.
   */
  public String render(AnswerUncertainty uncertainty) {
    ProbabilityTable table = uncertainty.table();
    StringBuilder out = start();
    out.append("<div class=\"text\">");
    appendTokens(out, table, uncertainty.lowConfidence());
    out.append("</div>\n");
    TableRow least = uncertainty.leastLikely();
    out.append("<table class=\"uncertainty\"><tbody>\n")
        .append(figure("low confidence", uncertainty.lowConfidence().size() + " span(s) of tokens with p &lt; " + TokenText.fixed(uncertainty.threshold())))
        .append(figure("sequence probability", TokenText.probability(uncertainty.sequenceProbability())))
        .append(figure("least likely token", least == null ? "?" : "<code>" + html(TokenText.chosen(least)) + "</code> at "
            + least.position() + ", p " + TokenText.probability(least.probability())))
        .append(figure("mean entropy", html(TokenText.entropy(uncertainty.meanEntropy()))))
        .append(figure("max entropy", html(TokenText.entropy(uncertainty.maxEntropy()))))
        .append(figure("min margin (top 1 − top 2)", TokenText.probability(uncertainty.minMargin())))
        .append("</tbody></table>\n");
    appendStats(out, table.stats());
    out.append("<table class=\"rows\"><thead><tr><th>#</th><th>token</th><th>prob</th><th>logprob</th><th>rank</th>"
        + "<th>unseen</th><th>entropy</th><th>candidates</th></tr></thead><tbody>\n");
    for (TableRow row : table.rows()) {
      out.append("<tr><td class=\"n\">").append(row.position()).append("</td>");
      appendCells(out, row);
      out.append("</tr>\n");
    }
    out.append("</tbody></table>\n");
    return end(out);
  }

  private static String figure(String name, String valueHtml) {
    return "<tr><td>" + name + "</td><td class=\"n\">" + valueHtml + "</td></tr>\n";
  }

  @Override
  public String render(WalkResult walk) {
    StringBuilder out = start();
    out.append("<div class=\"text\"><span class=\"prompt\">").append(html(walk.prompt())).append("</span>");
    appendTokens(out, walk.table());
    out.append("</div>\n");
    out.append("<p>Stopped: ").append(html(TextRenderer.stopLabel(walk.stopReason()))).append("</p>\n");
    appendStats(out, walk.table().stats());
    out.append("<table class=\"steps\"><thead><tr><th>step</th><th>prompt so far</th><th>token</th><th>prob</th><th>logprob</th>"
        + "<th>rank</th><th>unseen</th><th>entropy</th><th>candidates</th><th>argmax</th></tr></thead><tbody>\n");
    for (WalkStep step : walk.steps()) {
      out.append("<tr><td class=\"n\">").append(step.index() + 1).append("</td><td><code>")
          .append(html(TokenText.visibleText(step.prompt()))).append("</code></td>");
      appendCells(out, step.row());
      out.append("<td>").append(step.argmax() ? "yes" : "no").append("</td></tr>\n");
    }
    out.append("</tbody></table>\n");
    return end(out);
  }

  /**
   * The tokens alone, coloured and with their candidates as on this renderer's pages, as a
   * {@code div.text} to embed in another page that includes {@link #styles()}.
   */
  public static String tokens(ProbabilityTable table) {
    StringBuilder out = new StringBuilder(1024).append("<div class=\"text\">");
    appendTokens(out, table);
    return out.append("</div>").toString();
  }

  /** The style sheet {@link #tokens} needs (and the pages use). */
  public static String styles() {
    return STYLE;
  }

  private StringBuilder start() {
    StringBuilder out = new StringBuilder(4096);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(html(title)).append("</title>\n<style>\n").append(STYLE).append("</style></head>\n<body>\n")
        .append("<h1>").append(html(title)).append("</h1>\n")
        .append("<p>Each token is coloured by its probability (red unlikely, green likely, grey unknown); "
            + "rest the pointer on a token to see the candidates it was chosen from.</p>\n");
    return out;
  }

  private static String end(StringBuilder out) {
    return out.append("</body></html>\n").toString();
  }

  private static void appendTokens(StringBuilder out, ProbabilityTable table) {
    appendTokens(out, table, java.util.List.of());
  }

  /** The tokens, each span of {@code marked} (in text order) wrapped in a {@code mark.low}. */
  private static void appendTokens(StringBuilder out, ProbabilityTable table, java.util.List<ConfidenceSpan> marked) {
    int next = 0;
    for (TableRow row : table.rows()) {
      ConfidenceSpan span = next < marked.size() ? marked.get(next) : null;
      if (span != null && row.position() == span.firstPosition()) {
        out.append("<mark class=\"low\" data-start=\"").append(span.start()).append("\" data-end=\"").append(span.end())
            .append("\" data-min-prob=\"").append(span.minProbability()).append("\">");
      }
      Double p = row.probability();
      out.append("<span class=\"tok\" tabindex=\"0\"")
          .append(" data-position=\"").append(row.position()).append('"')
          .append(" data-token=\"").append(html(row.token())).append('"')
          .append(" data-prob=\"").append(p == null ? "" : p).append('"')
          .append(" data-logprob=\"").append(row.logprob() == null ? "" : row.logprob()).append('"')
          .append(" data-rank=\"").append(row.knownRank() == null ? "" : row.knownRank()).append('"')
          .append(" style=\"background:").append(background(p)).append("\">")
          .append(html(row.display().isEmpty() ? TokenText.EMPTY : row.display()))
          .append("<span class=\"tip\">");
      for (int i = 0; i < row.candidates().size(); i++) {
        TokenCandidate c = row.candidates().get(i);
        boolean chosen = row.rank() != null && row.rank() == i + 1;
        out.append("<span class=\"cand").append(chosen ? " chosen" : "").append("\" data-token=\"").append(html(c.token()))
            .append("\" data-prob=\"").append(c.probability()).append("\">")
            .append(i + 1).append(". ").append(html(TokenText.candidate(row, i)))
            .append("<span class=\"p\">").append(TokenText.probability(c.probability())).append("</span></span>");
      }
      out.append("<span class=\"tipnote\">").append(html(note(row))).append("</span></span></span>");
      if (span != null && row.position() == span.lastPosition()) {
        out.append("</mark>");
        next++;
      }
    }
  }

  private static String note(TableRow row) {
    if (!row.alternativesKnown()) {
      return "chosen " + TokenText.chosen(row) + " p=" + TokenText.probability(row.probability()) + "; the provider listed no alternatives";
    }
    String rank = row.rank() != null ? "rank " + row.rank()
        : (row.reportedRank() == null ? "" : "rank " + row.reportedRank() + ", ") + "outside the listed candidates, p=" + TokenText.probability(row.probability());
    return rank + "; unseen " + TokenText.probability(row.unseenMass()) + "; entropy " + TokenText.entropy(row.entropy());
  }

  private static void appendCells(StringBuilder out, TableRow row) {
    out.append("<td><code>").append(html(TokenText.chosen(row))).append("</code></td>")
        .append("<td class=\"n\">").append(TokenText.probability(row.probability())).append("</td>")
        .append("<td class=\"n\">").append(TokenText.logprob(row.logprob())).append("</td>")
        .append("<td class=\"n\">").append(row.knownRank() != null ? row.knownRank().toString() : row.alternativesKnown() ? "&gt;" + row.candidates().size() : "?").append("</td>")
        .append("<td class=\"n\">").append(TokenText.probability(row.unseenMass())).append("</td>")
        .append("<td class=\"n\">").append(html(TokenText.entropy(row.entropy()))).append("</td><td>");
    if (!row.alternativesKnown()) {
      out.append('?');
    }
    for (int i = 0; i < row.candidates().size(); i++) {
      TokenCandidate c = row.candidates().get(i);
      boolean chosen = row.rank() != null && row.rank() == i + 1;
      out.append(i == 0 ? "" : " · ").append(chosen ? "<b>" : "").append("<code>").append(html(TokenText.candidate(row, i))).append("</code> ")
          .append(TokenText.probability(c.probability())).append(chosen ? "</b>" : "");
    }
    out.append("</td>");
  }

  private static void appendStats(StringBuilder out, SequenceStats stats) {
    out.append("<p class=\"stats\">Tokens: ").append(stats.tokens()).append(" (logprob known for ").append(stats.knownLogprobs())
        .append("), total logprob ").append(TokenText.logprob(stats.knownLogprobs() == 0 ? null : stats.totalLogprob()))
        .append(", mean ").append(TokenText.logprob(stats.meanLogprob()))
        .append(", perplexity ").append(stats.perplexity() == null ? "?" : TokenText.fixed(stats.perplexity())).append("</p>\n");
  }

  /** Hue from red (p = 0) to green (p = 1); grey when unknown. */
  static String background(Double p) {
    if (p == null) {
      return "#ddd";
    }
    return "hsl(" + Math.round(120 * p) + ",75%,78%)";
  }
}
