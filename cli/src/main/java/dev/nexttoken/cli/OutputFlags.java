package dev.nexttoken.cli;

import picocli.CommandLine.Option;

/** {@code --format} and {@code --out}, spelled one way by every command that renders a table. */
final class OutputFlags {
  @Option(names = "--format", paramLabel = "FORMAT", description = "table, text, json, markdown, csv or html (default: ${DEFAULT-VALUE})",
      defaultValue = "table")
  OutputFormat format = OutputFormat.table;

  @Option(names = "--out", paramLabel = "FILE", description = "where --format html writes (default: ${DEFAULT-VALUE})",
      defaultValue = "nexttoken-report.html")
  String out = "nexttoken-report.html";
}
