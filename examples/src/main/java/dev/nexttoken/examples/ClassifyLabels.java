package dev.nexttoken.examples;

import dev.nexttoken.Environment;
import dev.nexttoken.Operation;
import dev.nexttoken.analysis.Classification;
import dev.nexttoken.analysis.Classifier;
import dev.nexttoken.analysis.LabelScore;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Classification by logprob: how likely each label of a closed set is after a prompt, normalised over
 * the set, with the best label and an abstain threshold. Where the provider can score a given text
 * (llama.cpp, vLLM, OpenAI's legacy completion models) every token of a label counts; elsewhere the
 * first token's alternatives are used, and the report says so.
 *
 * <pre>examples/run ClassifyLabels</pre>
 */
public final class ClassifyLabels {
  /** Labels as they continue the prompt: each with its leading space; the last is three tokens. */
  static final List<String> LABELS = List.of(" the", " used", " the machine learning");

  private ClassifyLabels() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  static void run(Environment env, PrintStream out) {
    try (ExampleModel opened = ExampleModel.open(Operation.COMPLETION, env)) {
      Classifier classifier = Classifier.builder(opened.model()).abstainBelow(0.5).build();
      Classification c = classifier.classify(Quickstart.PROMPT, LABELS);

      out.println("method: " + c.method().label());
      for (LabelScore label : c.labels()) {
        // logprob is log P(label | prompt); prob is its share among the labels; either is null when unknown.
        out.printf(Locale.ROOT, "%-24s logprob=%s  prob=%s%n", Quickstart.quoted(label.label()), number(label.logprob()), number(label.probability()));
      }
      out.println("best: " + (c.best() == null ? "none, abstained (" + Quickstart.quoted(c.top().label()) + " is under 0.5)"
          : Quickstart.quoted(c.best())));
      out.printf(Locale.ROOT, "the labels hold %.4f of the model's probability%n", c.labelMass());
    } catch (UnsupportedCapabilityException e) {
      out.println("cannot classify: " + e.getMessage());
    }
  }

  static String number(Double value) {
    return value == null ? "?" : String.format(Locale.ROOT, "%.4f", value);
  }
}
