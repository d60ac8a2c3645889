package dev.nexttoken.cli;

import dev.nexttoken.Operation;
import dev.nexttoken.analysis.ChoiceRanker;
import dev.nexttoken.analysis.RankedChoice;
import dev.nexttoken.analysis.Ranking;
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
 * {@code nexttoken rank PROMPT --choice C --choice C}: multiple choice by loglikelihood, lm-eval style.
 * The JSON document is {@code provider, prompt, choices [{choice, logprob, tokens, meanLogprob}], best, bestNormalized}.
 */
@Command(name = "rank", mixinStandardHelpOptions = true,
    description = {"Rank continuations of a prompt by loglikelihood: each one's total logprob, its tokens and the mean per token "
        + "(length-normalised, which does not favour short answers).",
        "Include the leading space a continuation needs (--choice \" Paris\"). Needs exact scoring: llamacpp, vllm, "
            + "or an openai legacy completion model."})
final class RankCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROMPT", description = "the text each choice continues")
  String prompt;

  @Option(names = "--choice", paramLabel = "TEXT", required = true, description = "a continuation; give one or more")
  List<String> choices;

  @Mixin AnalysisFormat output;

  @Override
  public Integer call() {
    OutputFormat format = output.require("rank", OutputFormat.table, OutputFormat.text, OutputFormat.json);
    if (choices.stream().anyMatch(String::isEmpty)) {
      throw new CliException("--choice must not be empty");
    }
    if (choices.stream().distinct().count() < choices.size()) {
      throw new CliException("each --choice must differ from the others, were " + choices);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (OpenedModel opened = ModelFactory.open(main.global, main.environment, Operation.COMPLETION, spec.commandLine().getErr())) {
      Ranking ranking = ChoiceRanker.of(opened.model()).rank(prompt, choices);
      out.print(format == OutputFormat.json ? json(ranking, opened.model().provider()) : table(ranking));
      out.flush();
    }
    return 0;
  }

  private String json(Ranking ranking, String provider) {
    return JsonDocument.of(json -> {
      json.writeStartObject();
      json.writeStringField("provider", provider);
      json.writeStringField("prompt", prompt);
      json.writeArrayFieldStart("choices");
      for (RankedChoice c : ranking.choices()) {
        json.writeStartObject();
        json.writeStringField("choice", c.choice());
        JsonDocument.number(json, "logprob", c.logprob());
        json.writeNumberField("tokens", c.tokens());
        JsonDocument.number(json, "meanLogprob", c.meanLogprob());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("best", ranking.best().choice());
      json.writeStringField("bestNormalized", ranking.bestNormalized().choice());
      json.writeEndObject();
    });
  }

  private static String table(Ranking ranking) {
    StringBuilder s = new StringBuilder();
    int width = ranking.choices().stream().mapToInt(c -> ClassifyCommand.quote(c.choice()).length()).max().orElse(6);
    s.append(String.format(Locale.ROOT, "%-" + width + "s  %10s  %6s  %10s%n", "choice", "logprob", "tokens", "mean"));
    for (RankedChoice c : ranking.choices()) {
      s.append(String.format(Locale.ROOT, "%-" + width + "s  %10s  %6d  %10s%n", ClassifyCommand.quote(c.choice()),
          ClassifyCommand.fixed(c.logprob()), c.tokens(), ClassifyCommand.fixed(c.meanLogprob())));
    }
    return s.append("best: ").append(ClassifyCommand.quote(ranking.best().choice()))
        .append("  best per token: ").append(ClassifyCommand.quote(ranking.bestNormalized().choice())).append('\n').toString();
  }
}
