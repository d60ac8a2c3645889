package dev.nexttoken.examples;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Environment;
import dev.nexttoken.Operation;
import dev.nexttoken.analysis.Judge;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.JudgeScore;
import dev.nexttoken.logprob.RatingScale;
import dev.nexttoken.testkit.KnownAnswerModel;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * A model as a judge, G-Eval style: instead of the one rating it happens to write, the expected
 * rating over the scale from the alternatives at the rating token, and how much probability the
 * scale held there. Locally it runs on a known-answer model of ratings, built here.
 *
 * <pre>examples/run JudgeScores</pre>
 */
public final class JudgeScores {
  /** What the bundled server serves here: after " Rating" it says " 4" most often, then " 5", then " 3". */
  static final KnownAnswerModel RATINGS = KnownAnswerModel.builder()
      .corpus(List.of("Rating 4", "Rating 4", "Rating 4 stars", "Rating 5", "Rating 5", "Rating 3", "Quality 5 stars"))
      .build();

  /** Ends with " Rating" so that the answer starts with the number. */
  static final String PROMPT = "Rate from 1 (poor) to 5 (excellent) how well this sentence describes Weights and Biases: "
      + "it is the machine learning platform for developers. Answer with the number only. Rating";

  private JudgeScores() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  static void run(Environment env, PrintStream out) {
    try (ExampleModel opened = ExampleModel.open(Operation.CHAT, env, RATINGS)) {
      RatingScale scale = RatingScale.integers(1, 5);
      JudgeScore score = Judge.builder(opened.model()).scale(scale).maxTokens(4).build().rate(ChatRequest.of(PROMPT));

      out.println("the judge wrote: " + score.chosen().text());
      for (int i = 0; i < scale.ratings().size(); i++) {
        out.printf(Locale.ROOT, "  p(%s) = %.4f%n", scale.ratings().get(i).text(), score.probabilities().get(i));
      }
      out.printf(Locale.ROOT, "expected score %.4f; the scale holds %.4f of the probability at the rating token%n",
          score.expected(), score.coveredMass());
    } catch (UnsupportedCapabilityException e) {
      // Cohere reports no alternatives: only the sampled rating could be read.
      out.println("cannot judge: " + e.getMessage());
    }
  }
}
