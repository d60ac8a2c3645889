package dev.nexttoken.cli;

import dev.nexttoken.Environment;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code nexttoken} command: global options, and one subcommand per job. */
@Command(
    name = "nexttoken",
    mixinStandardHelpOptions = true,
    version = "nexttoken 0.1.0",
    description = {"Call language models through one API and look at their next-token probabilities.",
        "Global options may stand before or after the command."},
    footer = {"",
        "Environment:",
        "  OPENAI_API_KEY, CO_API_KEY, VLLM_API_KEY",
        "                              API keys (never a flag: flags show in ps)",
        "  OPENAI_BASE_URL, CO_API_URL, NEXTTOKEN_LLAMA_URL, VLLM_BASE_URL",
        "                              base URLs; --base-url overrides them",
        "  NO_COLOR                    no colours, like --no-color",
        "  NEXTTOKEN_LOG=debug|trace   each HTTP request on stderr (trace: bodies too); keys never shown",
        "  OTEL_TRACES_EXPORTER, OTEL_METRICS_EXPORTER",
        "                              OpenTelemetry GenAI spans and metrics: logging-otlp (JSON on stderr) or otlp",
        "",
        "Exit codes: 0 done; 1 the provider or the network failed;",
        "            2 a usage problem (option, missing key, capability, value out of range).",
        "",
        "Examples:",
        "  nexttoken demo",
        "  nexttoken complete \"Weights and Biases is\" --max-tokens 5 --format json",
        "  nexttoken --provider openai chat \"Say hi\" --top-logprobs 5",
        "  nexttoken --provider vllm --base-url http://gpu:8000/v1 score \" the platform\" --prompt \"W&B is\"",
        "  nexttoken walk \"Weights and Biases is\" --steps 5 --sample --seed 7",
        "  nexttoken compare \"Weights and Biases is\" --providers openai,cohere,llamacpp",
        "  nexttoken classify \"Weights and Biases is\" --label \" the\" --label \" used\" --format json",
        "  nexttoken rank \"Weights and Biases is the\" --choice \" machine learning platform\" --choice \" lecture\"",
        "  nexttoken calibrate items.jsonl --bins 10 --format html",
        "  nexttoken eval items.jsonl --target llamacpp --target openai:gpt-4o-mini --out run-1"},
    subcommands = {
      DemoCommand.class,
      CompleteCommand.class,
      ChatCommand.class,
      WalkCommand.class,
      CompareCommand.class,
      TokenizeCommand.class,
      ScoreCommand.class,
      ClassifyCommand.class,
      RankCommand.class,
      CalibrateCommand.class,
      EvalCommand.class,
      ProvidersCommand.class,
    })
public final class Main {
  private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

  @Mixin GlobalOptions global;

  /** Where keys and settings are read from; tests pass fixed values. */
  final Environment environment;

  Main(Environment environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    // Progress the libraries log (installing llama-server on first use) reads as one plain line each.
    if (System.getProperty(LOG_FORMAT) == null) {
      System.setProperty(LOG_FORMAT, "nexttoken: %5$s%6$s%n");
    }
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(Environment.system(), out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs one command line; returns the exit code. {@code NEXTTOKEN_LOG} and the {@code OTEL_*}
   * exporters are on for the length of the run only, and write to {@code err}.
   */
  @SuppressWarnings("try") // the request log is held for its effect: attached to the logger while the command runs
  public static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
    Main main = new Main(environment);
    CommandLine cli = new CommandLine(main);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("nexttoken: " + e.getMessage());
      e.getCommandLine().getErr().println("Try 'nexttoken " + (e.getCommandLine().getParent() == null ? "" : e.getCommandLine().getCommandName() + " ") + "--help'.");
      return ErrorReporter.USAGE;
    });
    try (StderrLog requestLog = StderrLog.requestLog(environment, err); CliTelemetry telemetry = CliTelemetry.open(environment, err)) {
      main.global.telemetry = telemetry;
      return cli.execute(args);
    } catch (CliException e) {
      err.println("nexttoken: " + e.getMessage());
      return ErrorReporter.USAGE;
    }
  }
}
