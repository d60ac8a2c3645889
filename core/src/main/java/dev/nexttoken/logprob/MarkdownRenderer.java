package dev.nexttoken.logprob;

import java.util.List;

/**
 * GitHub-flavoured Markdown: a table with one line per position (or per walk step) and its
 * candidates in one cell, the chosen one in bold. Tokens are shown as by {@link TextRenderer}
 * ({@code ␣}, {@code \n}, {@code \xNN}, {@code ∅}), then Markdown's special characters are
 * backslash-escaped so the rendered page shows exactly those characters.
 *
 * @param maxCandidates how many candidates to list per position, >= 1
 */
public record MarkdownRenderer(int maxCandidates) implements TableRenderer {
  public MarkdownRenderer {
    if (maxCandidates < 1) {
      throw new IllegalArgumentException("maxCandidates must be >= 1, was " + maxCandidates);
    }
  }

  @Override
  public String render(ProbabilityTable table) {
    StringBuilder out = new StringBuilder();
    out.append("| # | token | prob | logprob | rank | unseen | entropy | candidates |\n");
    out.append("|--:|:--|--:|--:|--:|--:|--:|:--|\n");
    for (TableRow row : table.rows()) {
      out.append("| ").append(row.position()).append(' ');
      appendRow(out, row);
    }
    out.append('\n').append("**Text:** ").append(escape(TokenText.visibleText(table.text()))).append("\n\n");
    appendStats(out, table.stats());
    return out.toString();
  }

  @Override
  public String render(WalkResult walk) {
    StringBuilder out = new StringBuilder();
    out.append("**Prompt:** ").append(escape(TokenText.visibleText(walk.prompt()))).append("\n\n");
    out.append("| step | prompt so far | token | prob | logprob | rank | unseen | entropy | candidates |\n");
    out.append("|--:|:--|:--|--:|--:|--:|--:|--:|:--|\n");
    for (WalkStep step : walk.steps()) {
      out.append("| ").append(step.index() + 1).append(" | ").append(escape(TokenText.visibleText(step.prompt()))).append(' ');
      appendRow(out, step.row());
    }
    out.append('\n').append("**Text:** ").append(escape(TokenText.visibleText(walk.text()))).append("\n\n");
    out.append("**Stopped:** ").append(escape(TextRenderer.stopLabel(walk.stopReason()))).append("\n\n");
    appendStats(out, walk.table().stats());
    return out.toString();
  }

  private void appendRow(StringBuilder out, TableRow row) {
    out.append("| ").append(escape(TokenText.chosen(row)))
        .append(" | ").append(TokenText.probability(row.probability()))
        .append(" | ").append(TokenText.logprob(row.logprob()))
        .append(" | ").append(row.knownRank() != null ? row.knownRank() : row.alternativesKnown() ? "\\>" + row.candidates().size() : "?")
        .append(" | ").append(TokenText.probability(row.unseenMass()))
        .append(" | ").append(escape(TokenText.entropy(row.entropy())))
        .append(" | ").append(candidates(row)).append(" |\n");
  }

  private String candidates(TableRow row) {
    if (!row.alternativesKnown()) {
      return "?";
    }
    List<TokenCandidate> list = row.candidates();
    StringBuilder cell = new StringBuilder();
    for (int i = 0; i < Math.min(maxCandidates, list.size()); i++) {
      TokenCandidate c = list.get(i);
      String entry = escape(TokenText.candidate(row, i)) + " " + TokenText.probability(c.probability());
      if (i > 0) {
        cell.append(" · ");
      }
      boolean chosen = row.rank() != null && row.rank() == i + 1;
      cell.append(chosen ? "**" + entry + "**" : entry);
    }
    if (list.size() > maxCandidates) {
      cell.append(" · … ").append(list.size() - maxCandidates).append(" more");
    }
    return cell.toString();
  }

  private static void appendStats(StringBuilder out, SequenceStats stats) {
    out.append("Tokens: ").append(stats.tokens()).append(" (logprob known for ").append(stats.knownLogprobs()).append("), ")
        .append("total logprob: ").append(escape(TokenText.logprob(stats.knownLogprobs() == 0 ? null : stats.totalLogprob()))).append(", ")
        .append("mean: ").append(escape(TokenText.logprob(stats.meanLogprob()))).append(", ")
        .append("perplexity: ").append(stats.perplexity() == null ? "?" : TokenText.fixed(stats.perplexity())).append('\n');
  }

  /** Backslash-escapes what Markdown would read as markup, and {@code |} which would split the cell. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("\\`*_{}[]<>()#+-.!|~".indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else if (c == '&') {
        out.append("&amp;");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
