package dev.nexttoken.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --format} for the analysis commands, which offer fewer formats than a token table. */
final class AnalysisFormat {
  @Option(names = "--format", paramLabel = "FORMAT", description = "table or json (calibrate: also html) (default: ${DEFAULT-VALUE})",
      defaultValue = "table")
  OutputFormat format = OutputFormat.table;

  @Option(names = "--out", paramLabel = "FILE", description = "where --format html writes (default: ${DEFAULT-VALUE})",
      defaultValue = "nexttoken-report.html")
  String out = "nexttoken-report.html";

  /** Refuses a format the command does not offer, before any model is opened. */
  OutputFormat require(String command, OutputFormat... offered) {
    List<OutputFormat> allowed = Arrays.asList(offered);
    if (!allowed.contains(format)) {
      throw new CliException(command + ": --format " + format + " is not offered; use " + String.join(", ", allowed.stream().map(Enum::name).toList()));
    }
    return format;
  }
}
