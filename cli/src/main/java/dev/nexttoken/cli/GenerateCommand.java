package dev.nexttoken.cli;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What {@code complete} and {@code chat} share: open the model, ask, stream or not, print in a format. */
abstract class GenerateCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin GenerationFlags flags;
  @Mixin OutputFlags output;

  abstract Operation operation();

  abstract Completion call(LanguageModel model, GenerationOptions options);

  abstract CompletionStream stream(LanguageModel model, GenerationOptions options);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Checked before a bundled server is started for nothing.
    if (flags.topLogprobs != null && flags.topLogprobs < 0) {
      throw new CliException("--top-logprobs must be >= 0, was " + flags.topLogprobs);
    }
    if (flags.maxTokens < 1) {
      throw new CliException("--max-tokens must be at least 1, was " + flags.maxTokens);
    }
    try (OpenedModel opened = ModelFactory.open(main.global, main.environment, operation(), err)) {
      LanguageModel model = opened.model();
      GenerationOptions options = options(opened.capabilities().of(operation()));
      Completion completion;
      if (flags.stream) {
        try (CompletionStream stream = stream(model, options)) {
          boolean live = !output.format.isDocument();
          stream.forEach(chunk -> {
            if (live) {
              out.print(chunk.textDelta());
              out.flush();
            }
          });
          completion = stream.collect();
          if (live) {
            out.println();
          }
        }
      } else {
        completion = call(model, options);
      }
      CompletionPrinter printer = new CompletionPrinter(out, Terminal.useColor(main.global, main.environment));
      printer.print(completion, model, output.format, flags.stream, output.out);
      return 0;
    }
  }

  private GenerationOptions options(OperationCapabilities capabilities) {
    return GenerationOptions.builder()
        .maxTokens(flags.maxTokens)
        .temperature(flags.temperature)
        .seed(flags.seed)
        .logprobs(logprobs(capabilities))
        .build();
  }

  /** As asked; else, for formats that show probabilities, min(5, the provider's maximum). */
  private LogprobsOption logprobs(OperationCapabilities capabilities) {
    if (flags.topLogprobs != null) {
      return LogprobsOption.top(flags.topLogprobs);
    }
    if (!output.format.showsLogprobs() || !capabilities.logprobs()) {
      return LogprobsOption.NONE;
    }
    return LogprobsOption.top(Math.min(5, capabilities.maxTopLogprobs()));
  }
}
