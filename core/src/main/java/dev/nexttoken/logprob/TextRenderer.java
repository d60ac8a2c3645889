package dev.nexttoken.logprob;

import dev.nexttoken.logprob.TextGrid.Cell;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain text for terminals: a table is one aligned line per position (the chosen token, its
 * probability, logprob and rank, unseen mass, entropy, then the top candidates); a walk is one block
 * per step listing the candidates with the chosen one marked {@code ▶}.
 *
 * <p>Whitespace is made visible ({@code ␣} for a space, {@code \n} for a newline), bytes that are
 * only part of a character show as {@code \xNN} (the character appears on the token that completes
 * it), literal backslashes are doubled, and an empty token shows as {@code ∅}. Unknown values show as
 * {@code ?}; entropy shows as a value when exact, {@code lo–hi} when bounded, {@code ≥lo} when only a
 * lower bound is known. With colour on, tokens are green (p ≥ 0.5), yellow (≥ 0.1) or red.
 *
 * @param color whether to colour tokens by probability with ANSI escapes
 * @param maxCandidates how many candidates to show per position, >= 1
 */
public record TextRenderer(boolean color, int maxCandidates) implements TableRenderer {
  public TextRenderer {
    if (maxCandidates < 1) {
      throw new IllegalArgumentException("maxCandidates must be >= 1, was " + maxCandidates);
    }
  }

  @Override
  public String render(ProbabilityTable table) {
    int shown = Math.min(maxCandidates, table.rows().stream().mapToInt(r -> r.candidates().size()).max().orElse(0));
    TextGrid grid = new TextGrid(color);
    List<Cell> header = new ArrayList<>(List.of(Cell.right("#"), Cell.left("token"), Cell.right("prob"), Cell.right("logprob"),
        Cell.right("rank"), Cell.right("unseen"), Cell.right("entropy")));
    for (int i = 1; i <= shown; i++) {
      header.add(Cell.left("top " + i));
    }
    grid.add(header);
    for (TableRow row : table.rows()) {
      List<Cell> cells = new ArrayList<>(List.of(
          Cell.right(String.valueOf(row.position())),
          new Cell(TokenText.chosen(row), false, TextGrid.colorOf(row.probability())),
          Cell.right(TokenText.probability(row.probability())),
          Cell.right(TokenText.logprob(row.logprob())),
          Cell.right(rank(row)),
          Cell.right(TokenText.probability(row.unseenMass())),
          Cell.right(TokenText.entropy(row.entropy()))));
      for (int i = 0; i < Math.min(shown, row.candidates().size()); i++) {
        TokenCandidate c = row.candidates().get(i);
        String mark = row.rank() != null && row.rank() == i + 1 ? "▶" : "";
        cells.add(new Cell(mark + TokenText.candidate(row, i) + " " + TokenText.probability(c.probability()), false, TextGrid.colorOf(c.probability())));
      }
      grid.add(cells);
    }
    StringBuilder out = new StringBuilder();
    grid.render(out, "");
    int most = table.rows().stream().mapToInt(r -> r.candidates().size()).max().orElse(0);
    if (most > shown) {
      out.append("(showing the top ").append(shown).append(" of up to ").append(most).append(" candidates per position)\n");
    }
    out.append("text: ").append(TokenText.visibleText(table.text())).append('\n');
    appendStats(out, table.stats());
    return out.toString();
  }

  @Override
  public String render(WalkResult walk) {
    StringBuilder out = new StringBuilder();
    out.append("prompt: ").append(TokenText.visibleText(walk.prompt())).append('\n');
    for (WalkStep step : walk.steps()) {
      TableRow row = step.row();
      out.append('\n').append("step ").append(step.index() + 1).append("  ").append(tail(TokenText.visibleText(step.prompt()), 50)).append('\n');
      TextGrid grid = new TextGrid(color);
      grid.add(List.of(Cell.left(""), Cell.right("rank"), Cell.left("token"), Cell.right("prob")));
      List<TokenCandidate> candidates = row.candidates();
      for (int i = 0; i < Math.min(maxCandidates, candidates.size()); i++) {
        TokenCandidate c = candidates.get(i);
        boolean chosen = row.rank() != null && row.rank() == i + 1;
        grid.add(List.of(Cell.left(chosen ? "▶" : ""), Cell.right(String.valueOf(i + 1)),
            new Cell(TokenText.candidate(row, i), false, TextGrid.colorOf(c.probability())), Cell.right(TokenText.probability(c.probability()))));
      }
      if (row.rank() == null || row.rank() > maxCandidates) {
        grid.add(List.of(Cell.left("▶"), Cell.right(rank(row)), new Cell(TokenText.chosen(row), false, TextGrid.colorOf(row.probability())),
            Cell.right(TokenText.probability(row.probability()))));
      }
      grid.render(out, "  ");
      out.append("  chosen ").append(TokenText.chosen(row)).append(step.argmax() ? " (argmax)" : " (sampled, not the argmax)")
          .append("  unseen ").append(TokenText.probability(row.unseenMass()))
          .append("  entropy ").append(TokenText.entropy(row.entropy())).append('\n');
    }
    out.append('\n').append("text: ").append(TokenText.visibleText(walk.text())).append('\n');
    out.append("stopped: ").append(stopLabel(walk.stopReason())).append('\n');
    appendStats(out, walk.table().stats());
    return out.toString();
  }

  /**
   * An answer's uncertainty: its text with each low-confidence span between {@code ⟦} and {@code ⟧}
   * (and red with colour on), the spans one per line, then the sequence figures.
   */
  public String render(AnswerUncertainty uncertainty) {
    String text = uncertainty.table().text();
    StringBuilder out = new StringBuilder("text: ");
    int at = 0;
    for (ConfidenceSpan span : uncertainty.lowConfidence()) {
      out.append(visiblePart(text.substring(at, span.start())))
          .append(color ? "\u001B[31m⟦" : "⟦").append(TokenText.visibleText(span.text())).append(color ? "⟧\u001B[0m" : "⟧");
      at = span.end();
    }
    out.append(visiblePart(text.substring(at))).append('\n');
    List<ConfidenceSpan> spans = uncertainty.lowConfidence();
    out.append("low confidence (p < ").append(TokenText.fixed(uncertainty.threshold())).append("): ").append(spans.size())
        .append(spans.size() == 1 ? " span" : " spans").append('\n');
    for (ConfidenceSpan span : spans) {
      out.append("  ").append(span.start()).append("..").append(span.end()).append(' ').append(TokenText.visibleText(span.text()))
          .append("  tokens ").append(span.firstPosition()).append('-').append(span.lastPosition())
          .append("  min p ").append(TokenText.fixed(span.minProbability())).append('\n');
    }
    TableRow least = uncertainty.leastLikely();
    out.append("sequence p: ").append(TokenText.probability(uncertainty.sequenceProbability()))
        .append("  mean logprob: ").append(TokenText.logprob(uncertainty.meanLogprob()))
        .append("  perplexity: ").append(uncertainty.perplexity() == null ? "?" : TokenText.fixed(uncertainty.perplexity())).append('\n')
        .append("least likely: ").append(least == null ? "?" : TokenText.chosen(least) + " at " + least.position()
            + ", p " + TokenText.probability(least.probability())).append('\n')
        .append("entropy: mean ").append(TokenText.entropy(uncertainty.meanEntropy()))
        .append("  max ").append(TokenText.entropy(uncertainty.maxEntropy()))
        .append("  min margin: ").append(TokenText.probability(uncertainty.minMargin())).append('\n');
    return out.toString();
  }

  /** A piece of text made visible; an empty piece stays empty (it is not an empty token). */
  private static String visiblePart(String piece) {
    return piece.isEmpty() ? "" : TokenText.visibleText(piece);
  }

  static String stopLabel(WalkResult.StopReason reason) {
    return switch (reason) {
      case STEPS -> "after the requested steps";
      case END_OF_SEQUENCE -> "end of sequence";
      case PARTIAL_CHARACTER -> "the chosen token is part of a character, which a text prompt cannot end with";
    };
  }

  private static String rank(TableRow row) {
    if (row.knownRank() != null) {
      return String.valueOf(row.knownRank());
    }
    return row.alternativesKnown() ? ">" + row.candidates().size() : "?";
  }

  private static String tail(String text, int columns) {
    if (text.length() <= columns) {
      return text;
    }
    int start = text.length() - columns;
    return "…" + text.substring(Character.isLowSurrogate(text.charAt(start)) ? start + 1 : start);
  }

  private static void appendStats(StringBuilder out, SequenceStats stats) {
    out.append("tokens: ").append(stats.tokens()).append(" (logprob known for ").append(stats.knownLogprobs()).append(")")
        .append("  total logprob: ").append(TokenText.logprob(stats.knownLogprobs() == 0 ? null : stats.totalLogprob()))
        .append("  mean: ").append(TokenText.logprob(stats.meanLogprob()))
        .append("  perplexity: ").append(stats.perplexity() == null ? "?" : TokenText.fixed(stats.perplexity()))
        .append('\n');
  }
}
