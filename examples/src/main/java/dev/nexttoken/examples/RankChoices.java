package dev.nexttoken.examples;

import dev.nexttoken.Environment;
import dev.nexttoken.Operation;
import dev.nexttoken.analysis.ChoiceRanker;
import dev.nexttoken.analysis.RankedChoice;
import dev.nexttoken.analysis.Ranking;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Multiple choice the way lm-eval scores it: the loglikelihood of each continuation after the prompt,
 * in total and per token (length-normalised, which does not favour the short answer). Needs a
 * provider that can score a given text.
 *
 * <pre>examples/run RankChoices</pre>
 */
public final class RankChoices {
  static final String PROMPT = "Weights and Biases is the";
  static final List<String> CHOICES = List.of(" machine learning platform for developers", " lecture", " next token");

  private RankChoices() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  static void run(Environment env, PrintStream out) {
    try (ExampleModel opened = ExampleModel.open(Operation.COMPLETION, env)) {
      Ranking ranking = ChoiceRanker.of(opened.model()).rank(PROMPT, CHOICES);
      for (RankedChoice c : ranking.choices()) {
        out.printf(Locale.ROOT, "%-44s logprob=%.4f  tokens=%d  mean=%.4f%n", Quickstart.quoted(c.choice()), c.logprob(), c.tokens(), c.meanLogprob());
      }
      out.println("best: " + Quickstart.quoted(ranking.best().choice()));
      out.println("best per token: " + Quickstart.quoted(ranking.bestNormalized().choice()));
    } catch (UnsupportedCapabilityException e) {
      // Cohere, Gemini, Ollama, OpenAI's chat models: no exact scoring, and they say so before sending.
      out.println("cannot rank: " + e.getMessage());
    }
  }
}
