package dev.nexttoken.cli;

import dev.nexttoken.logprob.TableFormat;

/** What {@code --format} accepts. */
enum OutputFormat {
  table,
  text,
  json,
  markdown,
  csv,
  html;

  /** Whether this format shows per-token probabilities, so logprobs are asked for by default. */
  boolean showsLogprobs() {
    return this != text;
  }

  /** Whether the whole document is printed after the stream ends, identical to the non-streamed one. */
  boolean isDocument() {
    return this == json || this == markdown || this == csv || this == html;
  }

  TableFormat tableFormat() {
    return switch (this) {
      case table, text -> TableFormat.TEXT;
      case json -> TableFormat.JSON;
      case markdown -> TableFormat.MARKDOWN;
      case csv -> TableFormat.CSV;
      case html -> TableFormat.HTML;
    };
  }
}
