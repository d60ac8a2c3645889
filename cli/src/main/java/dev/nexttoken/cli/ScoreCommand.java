package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.ScoringCapabilities;
import dev.nexttoken.logprob.JsonRenderer;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.SequenceStats;
import dev.nexttoken.logprob.TextRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
 * {@code nexttoken score TEXT [--prompt PROMPT]}: how likely the model finds each token of a given text.
 * The JSON document is {@code provider, model, prompt, text, usage, tokens, totalLogprob, meanLogprob,
 * perplexity, stats}, with {@code tokens} in the same shape as {@code complete}'s.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {"Score a given text: each token's logprob, the alternatives the model preferred, and the perplexity.",
        "With --prompt, only TEXT is scored, read after PROMPT; TEXT is appended exactly as given, so include a "
            + "leading space where one belongs. A token spanning both counts as TEXT's.",
        "openai: legacy completion models only (echo); llamacpp and vllm (prompt_logprobs): any model; cohere cannot score."})
final class ScoreCommand implements Callable<Integer> {
  private static final JsonFactory JSON = new JsonFactory();

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TEXT", description = "the text to score")
  String text;

  @Option(names = "--prompt", paramLabel = "PROMPT", description = "context read before TEXT and not scored (default: none)")
  String prompt = "";

  @Option(names = "--top-logprobs", paramLabel = "K",
      description = "alternatives per token; 0 = the scored tokens' logprobs only. Default for formats that show them: "
          + "min(5, the provider's maximum)")
  Integer topLogprobs;

  @Mixin OutputFlags output;

  @Override
  public Integer call() {
    // Checked before a bundled server is started for nothing.
    if (text.isEmpty()) {
      throw new CliException("TEXT must not be empty: there is nothing to score");
    }
    if (topLogprobs != null && topLogprobs < 0) {
      throw new CliException("--top-logprobs must be >= 0, was " + topLogprobs);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    try (OpenedModel opened = ModelFactory.open(main.global, main.environment, Operation.COMPLETION, spec.commandLine().getErr())) {
      LanguageModel model = opened.model();
      int k = topLogprobs != null ? topLogprobs : defaultTopLogprobs(opened.capabilities().scoring());
      ScoredText scored = model.score(new ScoreRequest(prompt, text, k, null));
      print(stdout, scored, model);
    }
    return 0;
  }

  /** Formats that show alternatives get min(5, the provider's maximum); plain text needs none. */
  private int defaultTopLogprobs(ScoringCapabilities scoring) {
    return output.format.showsLogprobs() ? Math.min(5, scoring.maxTopLogprobs()) : 0;
  }

  private void print(PrintWriter stdout, ScoredText scored, LanguageModel model) {
    ProbabilityTable table = scored.table(model.capabilities().vocabularySize());
    switch (output.format) {
      case text -> stdout.println(summary(scored.stats()));
      // The table ends with the same statistics, so it needs no summary of its own.
      case table -> stdout.print(new TextRenderer(Terminal.useColor(main.global, main.environment), 5).render(table));
      case json -> stdout.println(json(scored, model.provider(), table));
      case markdown, csv -> stdout.print(output.format.tableFormat().renderer().render(table));
      case html -> ReportFile.write(output.format.tableFormat().renderer().render(table), output.out, stdout);
    }
    stdout.flush();
  }

  /** One line: total, mean and perplexity, and how many tokens they cover. */
  static String summary(SequenceStats stats) {
    if (stats.knownLogprobs() == 0) {
      return "no token of the text could be scored (" + stats.tokens() + " with unknown logprob)";
    }
    int unknown = stats.tokens() - stats.knownLogprobs();
    return String.format(Locale.ROOT, "total logprob %.4f, mean %.4f, perplexity %.4f over %d token%s%s",
        stats.totalLogprob(), stats.meanLogprob(), stats.perplexity(), stats.knownLogprobs(),
        stats.knownLogprobs() == 1 ? "" : "s", unknown == 0 ? "" : " (" + unknown + " with unknown logprob left out)");
  }

  String json(ScoredText scored, String provider, ProbabilityTable table) {
    StringWriter buffer = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(buffer)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("provider", provider);
      json.writeStringField("model", scored.model());
      json.writeStringField("prompt", prompt);
      json.writeStringField("text", text);
      CompletionPrinter.writeUsage(json, scored.usage());
      json.writeFieldName("tokens");
      JsonRenderer.writeTokens(json, table);
      SequenceStats stats = scored.stats();
      writeNumberOrNull(json, "totalLogprob", stats.knownLogprobs() == 0 ? null : stats.totalLogprob());
      writeNumberOrNull(json, "meanLogprob", stats.meanLogprob());
      writeNumberOrNull(json, "perplexity", stats.perplexity());
      json.writeFieldName("stats");
      JsonRenderer.writeStats(json, stats);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toString();
  }

  /** JSON has no infinity: a probability-0 token makes the total -Infinity, written as null like a logprob. */
  private static void writeNumberOrNull(JsonGenerator json, String field, Double value) throws IOException {
    if (value == null || !Double.isFinite(value)) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }
}
