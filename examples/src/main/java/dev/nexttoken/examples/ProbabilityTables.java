package dev.nexttoken.examples;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.SequenceStats;
import dev.nexttoken.logprob.TableFormat;
import dev.nexttoken.logprob.TableRow;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Turn a completion's logprobs into a {@link ProbabilityTable}: per position the candidates, the
 * chosen token's rank, the probability mass nobody listed, and the entropy; for the whole answer
 * its perplexity. Then render it as text and Markdown ({@link TableFormat} also has CSV, JSON and
 * a self-contained HTML page).
 *
 * <pre>examples/run ProbabilityTables</pre>
 */
public final class ProbabilityTables {
  private ProbabilityTables() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  static void run(Environment env, PrintStream out) {
    try (ExampleModel opened = ExampleModel.open(Operation.COMPLETION, env)) {
      LanguageModel model = opened.model();
      int alternatives = Math.min(5, model.capabilities().completion().maxTopLogprobs());
      Completion answer = model.complete(CompletionRequest.builder(Quickstart.PROMPT)
          .maxTokens(5)
          .temperature(0.0)
          .topLogprobs(alternatives)
          .build());

      // With the vocabulary size (when the provider knows it) the entropy gets an upper bound too.
      ProbabilityTable table = answer.table(model.capabilities().vocabularySize());
      out.println(table.render(TableFormat.TEXT));

      // The rows are plain values: use them directly rather than parsing a rendering.
      TableRow first = table.row(0);
      out.printf(Locale.ROOT, "first token %s: p=%.4f, rank %s of %d listed, unseen mass %.4f%n",
          Quickstart.quoted(first.token()), first.probability(), first.rank(), first.candidates().size(), first.unseenMass());
      SequenceStats stats = table.stats();
      out.printf(Locale.ROOT, "%d tokens, mean logprob %.4f, perplexity %.4f%n", stats.tokens(), stats.meanLogprob(), stats.perplexity());
      out.println();

      out.println(table.render(TableFormat.MARKDOWN));
    } catch (UnsupportedCapabilityException e) {
      // A chat-only provider (Gemini, the Responses API) has no completion; it says so before any request.
      out.println("cannot complete: " + e.getMessage());
    }
  }
}
