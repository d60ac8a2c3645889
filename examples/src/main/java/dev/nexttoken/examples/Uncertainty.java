package dev.nexttoken.examples;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.AnswerUncertainty;
import dev.nexttoken.logprob.ConfidenceSpan;
import dev.nexttoken.logprob.HtmlRenderer;
import dev.nexttoken.logprob.TextRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How sure the model was of its answer: sequence probability, the least likely token, entropy (bounded
 * where alternatives are cut off), the margin between the top two, perplexity; and the stretches of
 * text made of tokens under a threshold, as data and highlighted ({@code ⟦…⟧} in text, outlined in the
 * HTML page written when a file name is given).
 *
 * <pre>examples/run Uncertainty [report.html]</pre>
 */
public final class Uncertainty {
  static final double THRESHOLD = 0.5;
  static final int MAX_TOKENS = 8;

  private Uncertainty() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out, args.length > 0 ? Path.of(args[0]) : null);
  }

  static void run(Environment env, PrintStream out, Path html) {
    try (ExampleModel opened = ExampleModel.open(Operation.COMPLETION, env)) {
      LanguageModel model = opened.model();
      Completion answer = model.complete(CompletionRequest.builder(Quickstart.PROMPT)
          .maxTokens(MAX_TOKENS)
          .temperature(0.0)
          .topLogprobs(Math.min(5, model.capabilities().completion().maxTopLogprobs()))
          .build());
      AnswerUncertainty u = AnswerUncertainty.of(answer.table(model.capabilities().vocabularySize()), THRESHOLD);

      out.print(new TextRenderer(false, 5).render(u));
      // The spans are data too: character offsets into the answer's text.
      for (ConfidenceSpan span : u.lowConfidence()) {
        out.printf(Locale.ROOT, "unsure: %s (tokens %d to %d, least p %.4f)%n", Quickstart.quoted(span.text()), span.firstPosition(),
            span.lastPosition(), span.minProbability());
      }
      if (html != null) {
        Files.writeString(html, new HtmlRenderer("How sure was the model?").render(u));
        out.println("wrote " + html);
      }
    } catch (UnsupportedCapabilityException e) {
      out.println("cannot complete: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
