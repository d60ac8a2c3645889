package dev.nexttoken.examples;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Answer a conversation (system and user messages) and report how sure the model was of each
 * token of its answer.
 *
 * <pre>examples/run Chat</pre>
 */
public final class Chat {
  /** The answer length of the chat examples: the fewest tokens OpenAI's Responses API generates ({@code max_output_tokens} at least 16). */
  static final int MAX_TOKENS = 16;

  private Chat() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  static void run(Environment env, PrintStream out) {
    // In your code: try (LanguageModel model = CohereModel.fromEnv().build())
    try (ExampleModel opened = ExampleModel.open(Operation.CHAT, env)) {
      LanguageModel model = opened.model();

      // The messages, in order. (The bundled model's chat template just joins the contents, so it
      // continues the user's text; a hosted model answers it.)
      ChatRequest request = ChatRequest.builder()
          .system("Complete the user's sentence in a few words.")
          .user(" Weights and Biases is")
          .maxTokens(MAX_TOKENS)
          .temperature(0.0)
          // 0 alternatives: just the chosen tokens' logprobs, which every provider reports.
          .topLogprobs(0)
          .build();

      Completion answer = model.chat(request);
      out.println("answer: " + answer.text());
      out.println("model: " + answer.model() + ", finish: " + answer.finishReason().kind().wireName()
          + ", tokens: " + answer.usage().promptTokens() + " in, " + answer.usage().completionTokens() + " out");

      // The least certain token is where the answer could most easily have gone another way.
      TokenLogprob leastSure = null;
      for (TokenLogprob token : Quickstart.tokens(answer)) {
        out.printf(Locale.ROOT, "%-14s p=%.4f%n", Quickstart.quoted(token.token()), token.probability());
        if (token.logprob() != null && (leastSure == null || token.logprob() < leastSure.logprob())) {
          leastSure = token;
        }
      }
      if (leastSure != null) {
        out.printf(Locale.ROOT, "least sure: %s (p=%.4f)%n", Quickstart.quoted(leastSure.token()), leastSure.probability());
      }
    }
  }
}
