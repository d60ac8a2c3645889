package dev.nexttoken.cli;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.analysis.Classification;
import dev.nexttoken.analysis.Classifier;
import dev.nexttoken.logprob.Calibration;
import dev.nexttoken.logprob.CalibrationBin;
import dev.nexttoken.logprob.LabelledPrediction;
import java.io.PrintWriter;
import java.util.ArrayList;
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
 * {@code nexttoken calibrate FILE.jsonl}: classify labelled items and say whether the model's confidence
 * can be trusted. The JSON document is {@code provider, method, n, accuracy, ece, brier, temperature,
 * bins [{lower, upper, count, confidence, accuracy}]}.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Classify labelled items (a JSON Lines file, one {\"prompt\": ..., \"labels\": [...], \"gold\": ...} a line) "
        + "and measure calibration: accuracy, the expected calibration error over equal-width bins of the top label's probability, "
        + "the multi-class Brier score, and the temperature that best fits the gold labels.",
        "Each item is classified as classify does (exact where the provider can score); --format html draws the reliability diagram."})
final class CalibrateCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the labelled items, JSON Lines")
  String file;

  @Option(names = "--bins", paramLabel = "B", description = "equal-width confidence bins (default: ${DEFAULT-VALUE})", defaultValue = "10")
  int bins = 10;

  @Mixin LabelFlags flags;

  @Mixin AnalysisFormat output;

  @Override
  public Integer call() {
    OutputFormat format = output.require("calibrate", OutputFormat.table, OutputFormat.text, OutputFormat.json, OutputFormat.html);
    if (bins < 1) {
      throw new CliException("--bins must be at least 1, was " + bins);
    }
    flags.check();
    List<CalibrationItems.Item> items = CalibrationItems.read(file);
    PrintWriter out = spec.commandLine().getOut();
    try (OpenedModel opened = ModelFactory.open(main.global, main.environment, flags.operation(), spec.commandLine().getErr())) {
      Classifier classifier = flags.classifier(opened.model()).build();
      List<LabelledPrediction> predictions = new ArrayList<>(items.size());
      String method = null;
      for (CalibrationItems.Item item : items) {
        Classification c = flags.chat ? classifier.classify(ChatRequest.of(item.prompt()), item.labels())
            : classifier.classify(item.prompt(), item.labels());
        method = c.method().label();
        try {
          predictions.add(c.withGold(item.gold()));
        } catch (IllegalArgumentException e) {
          throw new CliException(file + " line " + item.line() + ": " + e.getMessage());
        }
      }
      Calibration calibration = Calibration.of(predictions, bins);
      switch (format) {
        case json -> out.print(json(calibration, opened.model().provider(), method));
        case html -> ReportFile.write(calibration.html("nexttoken calibration: " + file), output.out, out);
        default -> out.print(table(calibration, method));
      }
      out.flush();
    }
    return 0;
  }

  private static String json(Calibration c, String provider, String method) {
    return JsonDocument.of(json -> {
      json.writeStartObject();
      json.writeStringField("provider", provider);
      json.writeStringField("method", method);
      json.writeNumberField("n", c.n());
      json.writeNumberField("accuracy", c.accuracy());
      json.writeNumberField("ece", c.ece());
      json.writeNumberField("brier", c.brier());
      json.writeNumberField("temperature", c.temperature());
      json.writeArrayFieldStart("bins");
      for (CalibrationBin b : c.bins()) {
        json.writeStartObject();
        json.writeNumberField("lower", b.lower());
        json.writeNumberField("upper", b.upper());
        json.writeNumberField("count", b.count());
        JsonDocument.number(json, "confidence", b.confidence());
        JsonDocument.number(json, "accuracy", b.accuracy());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private static String table(Calibration c, String method) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "%d items (%s): accuracy %.4f, ECE %.4f, Brier %.4f, temperature %.4f%n%n%-16s %6s %10s %10s%n",
        c.n(), method, c.accuracy(), c.ece(), c.brier(), c.temperature(), "bin", "items", "confidence", "accuracy"));
    for (CalibrationBin b : c.bins()) {
      boolean last = b == c.bins().get(c.bins().size() - 1); // the last bin holds 1.0 too
      s.append(String.format(Locale.ROOT, "%-16s %6d %10s %10s%n", String.format(Locale.ROOT, "[%.2f, %.2f%s", b.lower(), b.upper(), last ? "]" : ")"),
          b.count(), ClassifyCommand.fixed(b.confidence()), ClassifyCommand.fixed(b.accuracy())));
    }
    return s.toString();
  }
}
