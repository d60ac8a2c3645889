package dev.nexttoken.cli;

import dev.nexttoken.Operation;
import dev.nexttoken.analysis.NextTokenWalk;
import dev.nexttoken.logprob.Sampler;
import dev.nexttoken.logprob.SamplingSettings;
import dev.nexttoken.logprob.TokenChooser;
import dev.nexttoken.logprob.WalkResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nexttoken walk PROMPT}: the next-token loop, one step at a time, each step's distribution shown. */
@Command(name = "walk", mixinStandardHelpOptions = true,
    description = {"The next-token loop made visible: ask for one token with its alternatives, choose one ourselves "
        + "(the most likely, or sampled with --sample), append it to the prompt, repeat.",
        "Needs a completion endpoint with alternatives: openai, llamacpp or vllm."})
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

  @Mixin OutputFlags output;

  @Override
  public Integer call() {
    TokenChooser chooser = chooser(); // options are checked before a bundled server is started for nothing
    WalkRunner runner = new WalkRunner(spec.commandLine().getOut(), Terminal.useColor(main.global, main.environment));
    try (OpenedModel opened = ModelFactory.open(main.global, main.environment, Operation.COMPLETION, spec.commandLine().getErr())) {
      WalkResult result = NextTokenWalk.builder(opened.model()).steps(steps).alternatives(top).chooser(chooser).build().run(prompt);
      runner.print(result, output.format, output.out);
    }
    return 0;
  }

  private TokenChooser chooser() {
    if (steps < 1) {
      throw new CliException("--steps must be at least 1, was " + steps);
    }
    if (top < 1) {
      throw new CliException("--top must be at least 1, was " + top);
    }
    if (sample) {
      SamplingSettings settings = seed == null ? SamplingSettings.seeded(System.nanoTime()) : SamplingSettings.seeded(seed);
      return new Sampler(temperature == null ? settings : settings.withTemperature(temperature));
    }
    if (seed != null || temperature != null) {
      throw new CliException("--seed and --temperature apply to --sample; add --sample");
    }
    return TokenChooser.greedy();
  }
}
