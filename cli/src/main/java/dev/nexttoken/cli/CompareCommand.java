package dev.nexttoken.cli;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.cli.GlobalOptions.ProviderName;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nexttoken compare PROMPT --providers a,b,c}: the same chat request to each provider in
 * parallel, shown side by side with positions aligned by byte offset, and each pair's agreement
 * ({@link dev.nexttoken.logprob.Agreement}). A provider that fails shows its error in its column; the
 * others still answer.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Send the same chat message to several providers at once and compare their answers token by token.",
        "Rows are aligned by byte offset, so tokens of different tokenizers that start at the same place share a row. "
            + "A provider that fails shows its error in its column; the others still answer.",
        "Each pair of answers gets its agreement: at each shared offset the top-1 agreement, each chosen token's rank in the other's "
            + "list, and lower and upper bounds on the total-variation and Jensen-Shannon divergence that allow for what each side left "
            + "unseen; summarised over the offsets before the texts part."},
    footer = {"", "Each provider reads its key and URL from the environment:",
        "  OPENAI_API_KEY, OPENAI_BASE_URL (openai and openai-responses), CO_API_KEY, CO_API_URL, GEMINI_API_KEY (or GOOGLE_API_KEY),",
        "  GEMINI_BASE_URL, NEXTTOKEN_LLAMA_URL, OLLAMA_HOST, NEXTTOKEN_OLLAMA_MODEL, VLLM_BASE_URL, VLLM_API_KEY",
        "  (without NEXTTOKEN_LLAMA_URL, llamacpp starts the bundled server).",
        "Example: nexttoken compare \"Weights and Biases is\" --providers openai,llamacpp"})
final class CompareCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROMPT", description = "sent as one user message to each provider")
  String prompt;

  @Option(names = "--providers", paramLabel = "LIST", split = ",", required = true, converter = ProviderName.Converter.class,
      description = "comma-separated: openai,openai-responses,cohere,gemini,llamacpp,ollama,vllm")
  List<ProviderName> providers;

  @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "16", description = "most tokens to generate (default: ${DEFAULT-VALUE})")
  int maxTokens = 16;

  @Option(names = "--top-logprobs", paramLabel = "K", description = "alternatives per token (default: min(5, each provider's maximum))")
  Integer topLogprobs;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table or json (default: ${DEFAULT-VALUE})", defaultValue = "table")
  OutputFormat format = OutputFormat.table;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<ProviderName> unique = new ArrayList<>(new LinkedHashSet<>(providers));
    if (unique.size() > 1 && (main.global.baseUrl != null || main.global.model != null)) {
      // One URL or model name cannot mean the same thing to several providers.
      throw new CliException("compare: --base-url and --model apply to one provider; with several, set each one's URL "
          + "in its environment variable (OPENAI_BASE_URL, CO_API_URL, GEMINI_BASE_URL, NEXTTOKEN_LLAMA_URL, OLLAMA_HOST, VLLM_BASE_URL) and use its default model "
          + "(Ollama has none: NEXTTOKEN_OLLAMA_MODEL)");
    }
    ExecutorService pool = Executors.newFixedThreadPool(unique.size(), r -> {
      Thread t = new Thread(r, "nexttoken-compare");
      t.setDaemon(true);
      return t;
    });
    try {
      List<CompletableFuture<ProviderResult>> futures = new ArrayList<>();
      for (ProviderName provider : unique) {
        futures.add(CompletableFuture.supplyAsync(() -> ask(provider, err), pool));
      }
      Progress progress = new Progress(err, unique.size(), format == OutputFormat.table);
      futures.forEach(f -> f.whenComplete((r, e) -> progress.done(r == null ? "?" : r.provider())));
      List<ProviderResult> results = futures.stream().map(CompletableFuture::join).toList();
      progress.finish();
      ComparisonView view = new ComparisonView(prompt, results);
      out.print(format == OutputFormat.json ? view.json() : view.table());
      out.flush();
      return results.stream().allMatch(r -> r.error() != null) ? ErrorReporter.PROVIDER_FAILURE : 0;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private ProviderResult ask(ProviderName provider, PrintWriter err) {
    long start = System.nanoTime();
    try (OpenedModel opened = ModelFactory.open(provider, main.global, main.environment, Operation.CHAT, err)) {
      OperationCapabilities caps = opened.capabilities().chat();
      int k = topLogprobs != null ? Math.min(topLogprobs, caps.maxTopLogprobs()) : Math.min(5, caps.maxTopLogprobs());
      GenerationOptions options = GenerationOptions.builder()
          .maxTokens(maxTokens)
          .logprobs(caps.logprobs() ? LogprobsOption.top(k) : LogprobsOption.NONE)
          .build();
      long asked = System.nanoTime(); // latency of the call itself, not of starting a bundled server
      Completion completion = opened.model().chat(new ChatRequest(List.of(dev.nexttoken.Message.user(prompt)), options));
      return ProviderResult.success(provider.toString(), completion, (System.nanoTime() - asked) / 1_000_000);
    } catch (RuntimeException e) {
      return ProviderResult.failure(provider.toString(), ErrorReporter.describe(e), (System.nanoTime() - start) / 1_000_000);
    }
  }

  /** A one-line progress indicator on stderr while providers answer. */
  private static final class Progress {
    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private int finished;

    Progress(PrintWriter err, int total, boolean enabled) {
      this.err = err;
      this.total = total;
      this.enabled = enabled;
      if (enabled) {
        err.print("asking " + total + " provider(s)...");
        err.flush();
      }
    }

    synchronized void done(String provider) {
      finished++;
      if (enabled) {
        err.print(" " + provider + " (" + finished + "/" + total + ")");
        err.flush();
      }
    }

    synchronized void finish() {
      if (enabled) {
        err.println();
        err.flush();
      }
    }
  }
}
