package dev.nexttoken.examples;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Continue a prompt and print every generated token with its probability and the alternatives the
 * model weighed at that position.
 *
 * <pre>examples/run Quickstart</pre>
 */
public final class Quickstart {
  static final String PROMPT = "Weights and Biases is";

  private Quickstart() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  static void run(Environment env, PrintStream out) {
    // In your code: try (LanguageModel model = OpenAiModel.fromEnv().model("gpt-3.5-turbo-instruct").build())
    try (ExampleModel opened = ExampleModel.open(Operation.COMPLETION, env)) {
      LanguageModel model = opened.model();

      // Ask for 5 alternatives per token, or as many as the provider offers (Cohere: none). Asking
      // for more than capabilities() allows fails before anything is sent.
      int alternatives = Math.min(5, model.capabilities().completion().maxTopLogprobs());
      CompletionRequest request = CompletionRequest.builder(PROMPT)
          .maxTokens(6)
          .temperature(0.0)
          .topLogprobs(alternatives)
          .build();

      Completion answer = model.complete(request);
      out.println(PROMPT + "[" + answer.text() + "]");
      out.println("finish: " + answer.finishReason().kind().wireName() + " (the provider said " + answer.finishReason().raw()
          + "), tokens: " + answer.usage().promptTokens() + " in, " + answer.usage().completionTokens() + " out");

      // One entry per generated token, in order; probability() is exp(logprob).
      for (TokenLogprob token : tokens(answer)) {
        out.printf(Locale.ROOT, "%-14s p=%.4f  logprob=%.4f%n", quoted(token.token()), token.probability(), token.logprob());
        // null when the provider lists no alternatives (Cohere), empty when none were asked for.
        if (token.hasAlternatives()) {
          for (TokenCandidate candidate : token.topLogprobs()) {
            out.printf(Locale.ROOT, "    %-14s %.4f%n", quoted(candidate.token()), candidate.probability());
          }
        }
      }
    } catch (UnsupportedCapabilityException e) {
      // A chat-only provider (Gemini, the Responses API) has no completion; it says so before any request.
      out.println("cannot complete: " + e.getMessage());
    }
  }

  /**
   * The answer's tokens with their logprobs, or none: {@link Completion#logprobs()} is null when the
   * provider reported no logprobs (a server that ignores the request for them), and an example
   * should then print the text and say so rather than fail.
   */
  static List<TokenLogprob> tokens(Completion answer) {
    return answer.logprobs() == null ? List.of() : answer.logprobs();
  }

  /** Quotes a token so its leading space shows. */
  static String quoted(String token) {
    return "\"" + token.replace("\n", "\\n") + "\"";
  }
}
