package dev.nexttoken.cli;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.logprob.NextTokenWalk;
import dev.nexttoken.logprob.Sampler;
import dev.nexttoken.logprob.SamplingSettings;
import dev.nexttoken.logprob.TokenChooser;
import dev.nexttoken.logprob.WalkResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nexttoken walk PROMPT}: the next-token loop, one step at a time, each step's distribution shown. */
@Command(name = "walk", mixinStandardHelpOptions = true,
    description = "Ask for one token with its alternatives, choose one, append it, repeat.")
final class WalkCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROMPT", description = "where the walk starts")
  String prompt;

  @Option(names = "--steps", paramLabel = "N", description = "how many tokens to add (default: ${DEFAULT-VALUE})", defaultValue = "6")
  int steps = 6;

  @Option(names = "--top", paramLabel = "K", description = "alternatives asked for at each step (default: ${DEFAULT-VALUE})", defaultValue = "5")
  int top = 5;

  @Option(names = "--sample", description = "sample the next token from the table instead of taking the most likely")
  boolean sample;

  @Option(names = "--seed", paramLabel = "S", description = "seed for --sample, so a walk can be repeated")
  Long seed;

  @Option(names = "--temperature", paramLabel = "T", description = "temperature applied to the table when sampling (default: 1)")
  Double temperature;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, text, json, markdown, csv or html (default: ${DEFAULT-VALUE})",
      defaultValue = "table")
  OutputFormat format = OutputFormat.table;

  @Option(names = "--out", paramLabel = "FILE", description = "where --format html writes (default: ${DEFAULT-VALUE})",
      defaultValue = "nexttoken-report.html")
  String out = "nexttoken-report.html";

  @Override
  public Integer call() {
    WalkRunner runner = new WalkRunner(spec.commandLine().getOut(), Terminal.useColor(main.global, main.environment));
    try (OpenedModel opened = ModelFactory.open(main.global, main.environment, Operation.COMPLETION, spec.commandLine().getErr())) {
      WalkResult result = walk(opened.model());
      runner.print(result, format, out);
    }
    return 0;
  }

  private WalkResult walk(LanguageModel model) {
    if (steps < 1) {
      throw new CliException("--steps must be at least 1, was " + steps);
    }
    if (top < 1) {
      throw new CliException("--top must be at least 1, was " + top);
    }
    TokenChooser chooser = TokenChooser.greedy();
    if (sample) {
      SamplingSettings settings = seed == null ? SamplingSettings.seeded(System.nanoTime()) : SamplingSettings.seeded(seed);
      if (temperature != null) {
        settings = settings.withTemperature(temperature);
      }
      chooser = new Sampler(settings);
    } else if (seed != null || temperature != null) {
      throw new CliException("--seed and --temperature apply to --sample; add --sample");
    }
    return NextTokenWalk.builder(model).steps(steps).alternatives(top).chooser(chooser).build().run(prompt);
  }
}
