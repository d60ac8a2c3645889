package dev.nexttoken.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nexttoken providers}: what every provider supports, read from each one's capabilities
 * without the network ({@link ProviderTable}). {@code --format markdown} prints README's table.
 */
@Command(name = "providers", mixinStandardHelpOptions = true,
    description = {"List every provider and what it supports (logprobs, alternatives, ids, bytes, prompt logprobs, "
        + "streaming, scoring), read from its capabilities; no key or network needed.",
        "One row per provider and operation, for the model the CLI uses by default."})
final class ProvidersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, markdown or json (default: ${DEFAULT-VALUE})",
      defaultValue = "table")
  OutputFormat format = OutputFormat.table;

  @Override
  public Integer call() {
    ProviderTable table = ProviderTable.ofCli();
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case table, text -> out.print(table.text());
      case markdown -> out.print(table.markdown() + "\n" + table.featuresMarkdown());
      case json -> out.println(table.json());
      default -> throw new CliException("providers: --format " + format + " is not offered; use table, markdown or json");
    }
    out.flush();
    return 0;
  }
}
