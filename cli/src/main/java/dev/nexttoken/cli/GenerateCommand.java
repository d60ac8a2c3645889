package dev.nexttoken.cli;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.LogitBias;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.ResponseFormat;
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
    if (flags.choices != null && flags.choices < 1) {
      throw new CliException("--n must be at least 1, was " + flags.choices);
    }
    if (flags.strict && flags.jsonSchema == null) {
      throw new CliException("--strict goes with --json-schema");
    }
    ResponseFormat format = flags.jsonSchema == null ? null : RequestInputs.schema(flags.jsonSchema, flags.strict);
    ReasoningEffort effort = reasoningEffort();
    LogitBias bias = flags.logitBias == null ? null : RequestInputs.logitBias(flags.logitBias);
    checkInputs();
    try (OpenedModel opened = ModelFactory.open(main.global, main.environment, operation(), err)) {
      LanguageModel model = opened.model();
      GenerationOptions options = GenerationOptions.builder()
          .options(options(opened.capabilities().of(operation())))
          .responseFormat(format)
          .reasoningEffort(effort)
          .choices(flags.choices)
          .logitBias(bias)
          .build();
      Completion completion;
      if (flags.stream) {
        try (CompletionStream stream = stream(model, options)) {
          boolean live = !output.format.isDocument();
          stream.forEach(chunk -> {
            if (live && chunk.choice() == 0) { // further choices are shown once collected, in the document
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
      String warning = completion.metadata().extras().get("warning");
      if (warning != null) {
        err.println("warning: " + warning); // the provider's own caveat about this answer (Ollama without logprobs)
      }
      CompletionPrinter printer = new CompletionPrinter(out, err, Terminal.useColor(main.global, main.environment));
      printer.print(completion, model, output.format, flags.stream, output.out, format);
      return 0;
    }
  }

  /** Reads and checks the command's own inputs (files, JSON) before a model is opened; nothing by default. */
  void checkInputs() {}

  private ReasoningEffort reasoningEffort() {
    try {
      return flags.reasoningEffort == null ? null : ReasoningEffort.parse(flags.reasoningEffort);
    } catch (IllegalArgumentException e) {
      throw new CliException("--reasoning-effort: " + e.getMessage());
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
