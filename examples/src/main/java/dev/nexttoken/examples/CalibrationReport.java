package dev.nexttoken.examples;

import dev.nexttoken.Environment;
import dev.nexttoken.Operation;
import dev.nexttoken.analysis.Classifier;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.Calibration;
import dev.nexttoken.logprob.CalibrationBin;
import dev.nexttoken.logprob.LabelledPrediction;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Can the model's confidence be trusted? Classify items whose right label is known, then measure:
 * accuracy, expected calibration error over equal-width bins, the Brier score, and the temperature
 * that would make its probabilities fit best. With a file name, the reliability diagram is written
 * as an HTML page.
 *
 * <pre>examples/run CalibrationReport [diagram.html]</pre>
 */
public final class CalibrationReport {
  static final int BINS = 5;

  /** A labelled item: the prompt, the labels, the right one. */
  record Item(String prompt, List<String> labels, String gold) {}

  /** Sentences of the local model's corpus; some right labels are not the model's favourite. */
  static final List<Item> ITEMS = List.of(
      new Item("Weights and Biases is", List.of(" the", " used"), " the"),
      new Item("Weights and Biases is", List.of(" the", " used"), " used"),
      new Item("A language model predicts the", List.of(" next", " machine"), " next"),
      new Item("Greedy decoding picks the most", List.of(" likely", " large"), " likely"),
      new Item("The lecture explains how large", List.of(" language", " models"), " models"),
      new Item("Our machine learning platform for", List.of(" developers", " teams"), " developers"),
      new Item("Perplexity is the exponential of the", List.of(" average", " next"), " next"));

  private CalibrationReport() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out, args.length > 0 ? Path.of(args[0]) : null);
  }

  static void run(Environment env, PrintStream out, Path html) {
    try (ExampleModel opened = ExampleModel.open(Operation.COMPLETION, env)) {
      Classifier classifier = Classifier.builder(opened.model()).build();
      List<LabelledPrediction> predictions = new ArrayList<>();
      for (Item item : ITEMS) {
        predictions.add(classifier.classify(item.prompt(), item.labels()).withGold(item.gold()));
      }
      Calibration c = Calibration.of(predictions, BINS);

      out.printf(Locale.ROOT, "%d items: accuracy %.4f, ECE %.4f, Brier %.4f, temperature %.4f%n",
          c.n(), c.accuracy(), c.ece(), c.brier(), c.temperature());
      for (CalibrationBin b : c.bins()) {
        out.printf(Locale.ROOT, "bin %.2f-%.2f: %d items%s%n", b.lower(), b.upper(), b.count(),
            b.count() == 0 ? "" : String.format(Locale.ROOT, ", confidence %.4f, accuracy %.4f", b.confidence(), b.accuracy()));
      }
      if (html != null) {
        Files.writeString(html, c.html("Calibration"));
        out.println("wrote " + html);
      }
    } catch (UnsupportedCapabilityException e) {
      out.println("cannot classify: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
