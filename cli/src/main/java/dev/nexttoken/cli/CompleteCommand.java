package dev.nexttoken.cli;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code nexttoken complete PROMPT}: continue a text. */
@Command(name = "complete", mixinStandardHelpOptions = true, description = "Continue a prompt and show each token's probabilities.")
final class CompleteCommand extends GenerateCommand {
  @Parameters(index = "0", paramLabel = "PROMPT", description = "the text to continue")
  String prompt;

  @Override
  Operation operation() {
    return Operation.COMPLETION;
  }

  @Override
  Completion call(LanguageModel model, GenerationOptions options) {
    return model.complete(new CompletionRequest(prompt, options, false));
  }

  @Override
  CompletionStream stream(LanguageModel model, GenerationOptions options) {
    return model.completeStreaming(new CompletionRequest(prompt, options, false));
  }
}
