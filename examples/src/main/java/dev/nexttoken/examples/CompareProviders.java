package dev.nexttoken.examples;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.Environment;
import dev.nexttoken.Operation;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Send the same chat request to several providers at once and compare their answers, latency,
 * usage and token probabilities. A provider without its key or server is skipped (and says what to set); a
 * provider that fails shows its error without stopping the others. Each provider answers with its
 * default model: leave {@code NEXTTOKEN_MODEL} unset here, since one name cannot suit them all, and
 * name Ollama's with {@code NEXTTOKEN_OLLAMA_MODEL}.
 *
 * <pre>
 * examples/run CompareProviders                          # every provider the examples know: whichever are configured
 * examples/run CompareProviders llamacpp,openai,gemini
 * </pre>
 */
public final class CompareProviders {
  static final List<String> ALL = ExampleModel.PROVIDERS;

  private CompareProviders() {}

  public static void main(String[] args) {
    run(args.length > 0 ? List.of(args[0].split(",")) : ALL, Environment.system(), System.out);
  }

  /** One provider's run: its answer or its error, and how long it took. */
  private record Result(String provider, Completion answer, Throwable error, long millis) {}

  static void run(List<String> providers, Environment env, PrintStream out) {
    // The common denominator: Cohere reports the chosen tokens' logprobs but no alternatives, and the
    // Responses API on OpenAI generates no fewer than 16 tokens.
    ChatRequest request = ChatRequest.builder().user(Quickstart.PROMPT).maxTokens(Chat.MAX_TOKENS).temperature(0.0).topLogprobs(0).build();

    List<ExampleModel> opened = new ArrayList<>();
    List<CompletableFuture<Result>> running = new ArrayList<>();
    try {
      for (String provider : providers) {
        String missing = ExampleModel.missingSetting(provider, env);
        if (missing != null) {
          out.println("skipped " + provider + ": " + missing);
          continue;
        }
        ExampleModel model = ExampleModel.open(provider, Operation.CHAT, env, builder -> {});
        opened.add(model);
        long start = System.nanoTime();
        // chatAsync runs on the model's own executor, so the providers are asked in parallel.
        running.add(model.model().chatAsync(request)
            .thenApply(answer -> new Result(provider, answer, null, elapsed(start)))
            .exceptionally(e -> new Result(provider, null, unwrap(e), elapsed(start))));
      }
      for (CompletableFuture<Result> future : running) {
        print(future.join(), out);
      }
    } finally {
      opened.forEach(ExampleModel::close);
    }
  }

  private static void print(Result result, PrintStream out) {
    out.println("== " + result.provider() + " (" + result.millis() + " ms)");
    if (result.error() != null) {
      out.println("  error: " + result.error().getClass().getSimpleName() + ": " + result.error().getMessage());
      return;
    }
    Completion answer = result.answer();
    out.println("  text:   " + answer.text());
    out.println("  usage:  " + answer.usage().promptTokens() + " in, " + answer.usage().completionTokens() + " out");
    StringBuilder tokens = new StringBuilder();
    for (TokenLogprob token : Quickstart.tokens(answer)) {
      tokens.append(String.format(Locale.ROOT, "%s %.3f  ", Quickstart.quoted(token.token()), token.probability()));
    }
    out.println("  tokens: " + tokens.toString().strip());
  }

  private static long elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
