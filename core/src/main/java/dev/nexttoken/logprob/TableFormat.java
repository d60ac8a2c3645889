package dev.nexttoken.logprob;

/** The formats a table or walk can be rendered in, each with its default {@link TableRenderer}. */
public enum TableFormat {
  /** Aligned columns for a terminal, no colour, top 5 candidates ({@link TextRenderer}). */
  TEXT,
  /** A GitHub-flavoured Markdown table with every candidate ({@link MarkdownRenderer}). */
  MARKDOWN,
  /** RFC 4180 CSV, one record per candidate ({@link CsvRenderer}). */
  CSV,
  /** JSON, the command line's documented contract ({@link JsonRenderer}). */
  JSON,
  /** A self-contained HTML page, tokens coloured by probability with candidates on hover ({@link HtmlRenderer}). */
  HTML;

  /** This format's default renderer. */
  public TableRenderer renderer() {
    return switch (this) {
      case TEXT -> new TextRenderer(false, 5);
      case MARKDOWN -> new MarkdownRenderer(Integer.MAX_VALUE);
      case CSV -> new CsvRenderer();
      case JSON -> new JsonRenderer(true);
      case HTML -> new HtmlRenderer("nexttoken report");
    };
  }
}
