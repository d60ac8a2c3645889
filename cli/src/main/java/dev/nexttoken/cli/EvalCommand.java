package dev.nexttoken.cli;

import dev.nexttoken.Operation;
import dev.nexttoken.eval.Dataset;
import dev.nexttoken.eval.EvalItem;
import dev.nexttoken.eval.EvalOutcome;
import dev.nexttoken.eval.EvalProgress;
import dev.nexttoken.eval.Evaluation;
import dev.nexttoken.eval.PriceTable;
import dev.nexttoken.eval.ProgressPrinter;
import dev.nexttoken.eval.Target;
import dev.nexttoken.eval.TargetLimits;
import dev.nexttoken.eval.TargetSpec;
import dev.nexttoken.spi.AbstractLanguageModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nexttoken eval DATASET.jsonl --target T ... --out DIR}: every item on every target, through
 * {@link Evaluation}. Targets are opened as {@code --provider/--model/--base-url} would open them,
 * without the client's own retries: the evaluation retries within each target's retry budget.
 * Exit codes: 0 every row written (some may hold provider errors); 2 bad input; 3 stopped before the
 * end by {@code --max-cost}; 130 stopped by Ctrl-C.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Run a JSON Lines dataset on one or more targets and write results.jsonl, summary.json and report.html into --out.",
        "Items: {\"id\", \"prompt\" | \"messages\", \"maxTokens\"?, \"temperature\"?, \"topLogprobs\"?} (generate), "
            + "{\"id\", \"prompt\", \"text\"} (score), {\"id\", \"prompt\", \"labels\", \"gold\"} (classify).",
        "A target is PROVIDER[:MODEL][@BASE_URL]: llamacpp, openai:gpt-4o-mini, vllm:qwen@http://gpu-box:8000/v1."},
    footer = {"", "Exit codes: 0 every row written (rows may hold provider errors; the summary counts them);",
        "            2 bad input; 3 stopped at --max-cost; 130 stopped by Ctrl-C (--resume continues)."})
final class EvalCommand implements Callable<Integer> {
  static final int STOPPED_AT_MAX_COST = 3;
  static final int INTERRUPTED = 130;

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATASET", description = "the items, JSON Lines")
  Path dataset;

  @Option(names = "--target", required = true, paramLabel = "T", description = "PROVIDER[:MODEL][@BASE_URL]; repeat for more targets")
  List<String> targets = new ArrayList<>();

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "where results go; must be new or empty unless --resume")
  Path out;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", description = "requests in flight per target (default: ${DEFAULT-VALUE})")
  int concurrency = 4;

  @Option(names = "--rps", paramLabel = "R", defaultValue = "0", description = "at most R requests per second per target (default: no limit)")
  double rps;

  @Option(names = "--tpm", paramLabel = "T", defaultValue = "0", description = "at most T tokens per minute per target (default: no limit)")
  double tpm;

  @Option(names = "--resume", description = "continue the run in --out: only the (id, target) pairs not yet written run")
  boolean resume;

  @Option(names = "--max-cost", paramLabel = "USD", description = "stop starting items once the spend reaches USD dollars")
  Double maxCost;

  @Option(names = "--prices", paramLabel = "FILE", description = "prices overriding the built-in table: {\"asOf\", \"prices\": [{\"provider\", \"model\", \"input\", \"cachedInput\", \"output\"}]}")
  Path prices;

  @Option(names = "--progress-every", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
      description = "how often a plain progress line is printed when not on a terminal (default: ${DEFAULT-VALUE})")
  Duration progressEvery = Duration.ofSeconds(10);

  @Override
  public Integer call() {
    List<EvalItem> items = Dataset.read(dataset);
    TargetLimits limits = TargetLimits.DEFAULT.withConcurrency(concurrency).withRates(rps, tpm);
    List<TargetSpec> specs = new ArrayList<>();
    for (String t : targets) {
      specs.add(TargetSpec.parse(t));
    }
    PriceTable table = prices == null ? PriceTable.builtIn() : PriceTable.withOverrides(prices);
    PrintWriter err = spec.commandLine().getErr();
    List<OpenedModel> opened = new ArrayList<>();
    try {
      Evaluation.Builder builder = Evaluation.builder().items(items).out(out).resume(resume).maxCost(maxCost).prices(table)
          .progress(progress(err));
      Operation operation = items.stream().anyMatch(i -> i.messages() == null) ? Operation.COMPLETION : Operation.CHAT;
      for (TargetSpec target : specs) {
        OpenedModel model = open(target, operation, err);
        opened.add(model);
        String modelName = target.model() != null ? target.model()
            : model.model() instanceof AbstractLanguageModel m ? m.defaults().model() : null;
        builder.target(new Target(target.label(), model.model().provider(), modelName, model.model(), limits));
      }
      return run(builder.build(), err);
    } finally {
      for (OpenedModel model : opened) {
        model.close();
      }
    }
  }

  private int run(Evaluation evaluation, PrintWriter err) {
    // Ctrl-C: stop starting items, let those in flight finish, write the summary, then let the JVM exit.
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      evaluation.stop();
      try {
        finished.await(40, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "eval-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      EvalOutcome outcome = evaluation.run();
      // Printed before the hook is released: once it returns, a Ctrl-C'd JVM halts.
      err.println(String.format(Locale.ROOT, "eval: %s: %,d rows written, %,d kept from before%s, %,d with errors, $%.4f; %s",
          outcome.status().name().toLowerCase(Locale.ROOT).replace('_', ' '), outcome.written(), outcome.resumed(),
          outcome.tornLineDropped() ? " (a torn last line was dropped)" : "", outcome.errors(), outcome.spend(), outcome.directory()));
      if (outcome.status() == EvalOutcome.Status.MAX_COST) {
        err.println("eval: stopped at --max-cost " + maxCost + "; --resume with a higher --max-cost continues");
      } else if (outcome.status() == EvalOutcome.Status.STOPPED) {
        err.println("eval: --resume continues the run");
      }
      err.flush();
      return switch (outcome.status()) {
        case COMPLETE -> 0;
        case MAX_COST -> STOPPED_AT_MAX_COST;
        case STOPPED -> INTERRUPTED;
      };
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: Ctrl-C
      }
    }
  }

  private OpenedModel open(TargetSpec target, Operation operation, PrintWriter err) {
    GlobalOptions options = new GlobalOptions();
    try {
      options.provider = new GlobalOptions.ProviderName.Converter().convert(target.provider());
    } catch (picocli.CommandLine.TypeConversionException e) {
      throw new CliException("--target " + target.label() + ": unknown provider; " + e.getMessage());
    }
    options.model = target.model();
    options.baseUrl = target.baseUrl();
    options.timeout = main.global.timeout;
    options.allowInsecureHttp = main.global.allowInsecureHttp;
    options.verbose = main.global.verbose;
    options.maxRetries = 0; // the evaluation retries, within each target's budget
    return ModelFactory.open(options, main.environment, operation, err);
  }

  private EvalProgress progress(PrintWriter err) {
    boolean live = Terminal.useColor(main.global, main.environment);
    return new ProgressPrinter(err, live, progressEvery);
  }
}
