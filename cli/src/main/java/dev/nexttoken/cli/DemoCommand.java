package dev.nexttoken.cli;

import dev.nexttoken.Operation;
import dev.nexttoken.analysis.NextTokenWalk;
import dev.nexttoken.logprob.TokenChooser;
import dev.nexttoken.logprob.WalkResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nexttoken demo}, the main job: the next-token walk from "Weights and Biases is" on the
 * bundled local model (or on {@code --provider} with a key), each step's top 5 shown.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Show a model choosing the next token, step by step: the walk from \"" + DemoCommand.PROMPT + "\".",
        "Without --provider it starts the bundled llama.cpp server with a small model whose probabilities are known "
            + "exactly (installing the server on first use), and stops it at the end; no key or network needed.",
        "With --provider openai and OPENAI_API_KEY set, it runs the same walk on that provider."})
final class DemoCommand implements Callable<Integer> {
  static final String PROMPT = "Weights and Biases is";

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--steps", paramLabel = "N", description = "how many tokens to add (default: ${DEFAULT-VALUE})", defaultValue = "6")
  int steps = 6;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, text, json, markdown, csv or html (default: ${DEFAULT-VALUE})",
      defaultValue = "table")
  OutputFormat format = OutputFormat.table;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean bundled = main.global.provider == GlobalOptions.ProviderName.llamacpp && main.global.baseUrl == null;
    if (format == OutputFormat.table) {
      out.println(bundled
          ? "Starting the bundled llama-server with the known-answer model (a bigram model whose probabilities are known exactly)..."
          : "Walking on " + main.global.provider + "...");
      out.flush();
    }
    try (OpenedModel opened = ModelFactory.open(main.global, main.environment, Operation.COMPLETION, err)) {
      WalkResult result = NextTokenWalk.builder(opened.model())
          .steps(steps)
          // At least 1: a provider without alternatives gets the walk's own explanation, not a bad-argument error.
          .alternatives(Math.max(1, Math.min(5, opened.capabilities().completion().maxTopLogprobs())))
          .chooser(TokenChooser.greedy())
          .build()
          .run(PROMPT);
      if (format == OutputFormat.table) {
        out.println("The model predicts a distribution over the next token; we take the most likely, append it, and repeat.");
        out.println();
      }
      new WalkRunner(out, Terminal.useColor(main.global, main.environment)).print(result, format, "nexttoken-report.html");
      if (format == OutputFormat.table) {
        out.println();
        out.println("Text: " + result.text());
      }
      out.flush();
    }
    return 0;
  }
}
