package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.analysis.Classification;
import dev.nexttoken.analysis.ClassificationMethod;
import dev.nexttoken.analysis.Classifier;
import dev.nexttoken.analysis.LabelScore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nexttoken classify PROMPT --label L --label L}: which label the model prefers after the prompt.
 * The JSON document is {@code provider, prompt, labels [{label, logprob, prob, tokens, token}], best,
 * top, abstained, method, unseenMass, labelMass}.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = {"Classify by logprob: P(label | prompt) for each label of a closed set, normalised over the labels, and the best one.",
        "Labels are matched exactly as given: include the leading space a label has after the prompt (--label \" positive\").",
        "exact: each label scored after the prompt, every token counted (llamacpp, vllm, openai legacy completion models); "
            + "first-token: the alternatives at the first generated token (any provider that lists alternatives), "
            + "exact for one-token labels, the first token's probability for longer ones; a conversation (--chat) is always first-token."})
final class ClassifyCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROMPT", description = "the text the label continues, or with --chat the user message")
  String prompt;

  @Mixin LabelFlags flags;

  @Option(names = "--label", paramLabel = "LABEL", required = true, description = "a label; give at least two")
  List<String> labels;

  @Option(names = "--abstain-below", paramLabel = "P", description = "no best label when the top one's normalised probability is under P")
  Double abstainBelow;

  @Mixin AnalysisFormat output;

  @Override
  public Integer call() {
    OutputFormat format = output.require("classify", OutputFormat.table, OutputFormat.text, OutputFormat.json);
    if (abstainBelow != null && !(abstainBelow >= 0 && abstainBelow <= 1)) {
      throw new CliException("--abstain-below must be a probability in [0, 1], was " + abstainBelow);
    }
    flags.checkLabels(labels, "--label");
    PrintWriter out = spec.commandLine().getOut();
    try (OpenedModel opened = ModelFactory.open(main.global, main.environment, flags.operation(), spec.commandLine().getErr())) {
      Classifier.Builder builder = flags.classifier(opened.model());
      if (abstainBelow != null) {
        builder.abstainBelow(abstainBelow);
      }
      Classifier classifier = builder.build();
      Classification c = flags.chat ? classifier.classify(ChatRequest.of(prompt), labels) : classifier.classify(prompt, labels);
      out.print(format == OutputFormat.json ? json(c, opened.model()) : table(c));
      out.flush();
    }
    return 0;
  }

  private String json(Classification c, LanguageModel model) {
    return JsonDocument.of(json -> {
      json.writeStartObject();
      json.writeStringField("provider", model.provider());
      json.writeStringField("prompt", prompt);
      json.writeBooleanField("chat", flags.chat);
      writeLabels(json, c);
      json.writeStringField("best", c.best());
      json.writeStringField("top", c.top() == null ? null : c.top().label());
      json.writeBooleanField("abstained", c.abstained());
      json.writeStringField("method", c.method().label());
      JsonDocument.number(json, "unseenMass", c.unseenMass());
      json.writeNumberField("labelMass", c.labelMass());
      json.writeEndObject();
    });
  }

  static void writeLabels(JsonGenerator json, Classification c) throws IOException {
    json.writeArrayFieldStart("labels");
    for (LabelScore s : c.labels()) {
      json.writeStartObject();
      json.writeStringField("label", s.label());
      JsonDocument.number(json, "logprob", s.logprob());
      JsonDocument.number(json, "prob", s.probability());
      json.writeNumberField("tokens", s.tokens());
      json.writeStringField("token", s.token());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static String table(Classification c) {
    StringBuilder s = new StringBuilder();
    int width = c.labels().stream().mapToInt(l -> quote(l.label()).length()).max().orElse(5);
    s.append(String.format(Locale.ROOT, "%-" + width + "s  %10s  %8s%n", "label", "logprob", "prob"));
    for (LabelScore l : c.labels()) {
      s.append(String.format(Locale.ROOT, "%-" + width + "s  %10s  %8s%n", quote(l.label()), fixed(l.logprob()), fixed(l.probability())));
    }
    s.append("best: ").append(c.best() != null ? quote(c.best()) : c.abstained() ? "none (abstained: " + quote(c.top().label()) + " is under the threshold)" : "none")
        .append("  method: ").append(c.method().label());
    if (c.method() == ClassificationMethod.FIRST_TOKEN && c.unseenMass() != null) {
      s.append(String.format(Locale.ROOT, "  unseen mass: %.4f", c.unseenMass()));
    }
    return s.append(String.format(Locale.ROOT, "  the labels hold %.4f of the model's probability%n", c.labelMass())).toString();
  }

  static String quote(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }

  static String fixed(Double value) {
    return value == null ? "?" : value == Double.NEGATIVE_INFINITY ? "-inf" : String.format(Locale.ROOT, "%.4f", value);
  }
}
