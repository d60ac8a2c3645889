package dev.nexttoken.examples;

import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.analysis.NextTokenWalk;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.Sampler;
import dev.nexttoken.logprob.SamplingSettings;
import dev.nexttoken.logprob.TableFormat;
import dev.nexttoken.logprob.WalkResult;
import dev.nexttoken.logprob.WalkStep;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The loop a language model runs, done by hand: ask for the distribution of the next token, choose
 * one, append it, repeat. First greedily (always the most likely token), then by sampling with a
 * seed, which can wander off the most likely path.
 *
 * <pre>examples/run Walk</pre>
 */
public final class Walk {
  private Walk() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  static void run(Environment env, PrintStream out) {
    try (ExampleModel opened = ExampleModel.open(Operation.COMPLETION, env)) {
      LanguageModel model = opened.model();

      // Greedy: each step asks for 1 token with 5 alternatives and takes the most likely.
      WalkResult greedy = NextTokenWalk.builder(model).steps(5).alternatives(5).build().run(Quickstart.PROMPT);
      out.println(greedy.render(TableFormat.TEXT));
      out.println("greedy: " + greedy.text());
      out.println();

      // Sampling: temperature 1 over the listed candidates; the same seed draws the same tokens every run.
      WalkResult sampled = NextTokenWalk.builder(model)
          .steps(5)
          .alternatives(5)
          .chooser(new Sampler(SamplingSettings.seeded(6)))
          .build()
          .run(Quickstart.PROMPT);
      for (WalkStep step : sampled.steps()) {
        out.printf(Locale.ROOT, "step %d: %s (p=%.4f)%s%n", step.index(), Quickstart.quoted(step.chosen().token()),
            step.chosen().probability(), step.argmax() ? "" : "  <- not the most likely");
      }
      out.println("sampled: " + sampled.text());
    } catch (UnsupportedCapabilityException e) {
      // A provider without text completion (Gemini, the Responses API) or alternatives (Cohere) cannot walk;
      // it says so before any request.
      out.println("cannot walk: " + e.getMessage());
    }
  }
}
