package dev.nexttoken.examples;

import dev.nexttoken.Environment;
import dev.nexttoken.Operation;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.analysis.ModelComparison;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.Agreement;
import dev.nexttoken.logprob.AgreementSummary;
import dev.nexttoken.logprob.AlignedPosition;
import dev.nexttoken.logprob.Bounds;
import dev.nexttoken.logprob.TokenIdentity;
import dev.nexttoken.testkit.KnownAnswerModel;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Drift between two versions of a model: both read the same text, and at every token the example
 * shows whether their favourites agree and how far apart their next-token distributions are, as
 * bounds on the total-variation distance and the Jensen–Shannon divergence that allow for the
 * alternatives each side did not list. Locally the second version is the known-answer model smoothed
 * five times more, on a second bundled server; on a scoring provider (vLLM, OpenAI legacy) it is the
 * model named by {@code NEXTTOKEN_MODEL_B}.
 *
 * <pre>examples/run ModelDrift</pre>
 */
public final class ModelDrift {
  static final String TEXT = " the machine learning platform for developers.";
  static final int ALTERNATIVES = 5;
  static final KnownAnswerModel SECOND_VERSION = KnownAnswerModel.builder().smoothing(0.05).build();

  private ModelDrift() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  static void run(Environment env, PrintStream out) {
    try (ExampleModel first = ExampleModel.open(Operation.COMPLETION, env);
        ExampleModel second = ExampleModel.open(Operation.COMPLETION, ExampleModel.withModel(env, env.get("nexttoken.model.b", "NEXTTOKEN_MODEL_B")),
            SECOND_VERSION)) {
      // Token ids mean the same in both versions of one model; across vocabularies use TokenIdentity.TEXT.
      Agreement drift = ModelComparison.scored(first.model(), second.model(),
          ScoreRequest.of(Quickstart.PROMPT, TEXT).withTopLogprobs(ALTERNATIVES), TokenIdentity.ID);
      for (AlignedPosition p : drift.positions()) {
        out.printf(Locale.ROOT, "%-14s top-1 %-5s TV %s  JS %s%n", Quickstart.quoted(p.tokenA()), p.top1Agree() ? "same" : "differ",
            range(p.divergence().totalVariation()), range(p.divergence().jensenShannon()));
      }
      AgreementSummary s = drift.summary();
      out.printf(Locale.ROOT, "over %d tokens: top-1 agreement %.4f, mean TV %s, mean JS %s%n",
          s.comparablePositions(), s.top1Agreement(), range(s.meanTotalVariation()), range(s.meanJensenShannon()));
    } catch (UnsupportedCapabilityException e) {
      out.println("cannot compare: " + e.getMessage());
    }
  }

  static String range(Bounds b) {
    return String.format(Locale.ROOT, "%.4f-%.4f", b.lower(), b.upper());
  }
}
