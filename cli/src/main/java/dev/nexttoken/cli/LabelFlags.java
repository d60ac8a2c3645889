package dev.nexttoken.cli;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.analysis.ClassificationMethod;
import dev.nexttoken.analysis.Classifier;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** How {@code classify} and {@code calibrate} classify: chat or text, the method, the alternatives. */
final class LabelFlags {
  @Option(names = "--chat", description = "send the prompt as a user message and classify the first token of the answer")
  boolean chat;

  @Option(names = "--method", paramLabel = "METHOD",
      description = "auto, exact or first-token (default: ${DEFAULT-VALUE}: exact where the provider can score)", defaultValue = "auto")
  String method = "auto";

  @Option(names = "--top-logprobs", paramLabel = "K", description = "first-token: alternatives asked for (default: min(20, the provider's maximum))")
  Integer topLogprobs;

  Operation operation() {
    return chat ? Operation.CHAT : Operation.COMPLETION;
  }

  /** A classifier for {@code model} as the flags say; bad flags are refused naming the flag. */
  Classifier.Builder classifier(LanguageModel model) {
    Classifier.Builder builder = Classifier.builder(model).method(method());
    if (topLogprobs != null) {
      builder.alternatives(topLogprobs);
    }
    return builder;
  }

  /** Checked before a model is opened, so a bundled server is not started for nothing. */
  void check() {
    method();
    if (topLogprobs != null && topLogprobs < 1) {
      throw new CliException("--top-logprobs must be at least 1, was " + topLogprobs);
    }
  }

  /** {@link #check()}, and at least two labels, none empty, none twice. */
  void checkLabels(List<String> labels, String flag) {
    check();
    if (labels.size() < 2) {
      throw new CliException("give at least two labels (" + flag + " L " + flag + " L), was " + labels.size());
    }
    Set<String> seen = new HashSet<>();
    for (String label : labels) {
      if (label.isEmpty()) {
        throw new CliException(flag + " must not be empty");
      }
      if (!seen.add(label)) {
        throw new CliException(flag + " \"" + label + "\" is given twice");
      }
    }
  }

  private ClassificationMethod method() {
    return switch (method.toLowerCase(Locale.ROOT)) {
      case "auto" -> null;
      case "exact" -> {
        if (chat) {
          throw new CliException("--method exact scores each label after a text prompt; with --chat only first-token is possible");
        }
        yield ClassificationMethod.EXACT;
      }
      case "first-token" -> ClassificationMethod.FIRST_TOKEN;
      default -> throw new CliException("--method must be auto, exact or first-token, was '" + method + "'");
    };
  }
}
