package dev.nexttoken.cli;

import dev.nexttoken.spi.Environment;
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
    description = "Call language models through one API and look at their next-token probabilities.",
    subcommands = {
      DemoCommand.class,
      CompleteCommand.class,
      ChatCommand.class,
      WalkCommand.class,
      CompareCommand.class,
      TokenizeCommand.class,
    })
public final class Main {
  @Mixin GlobalOptions global;

  /** Where keys and settings are read from; tests pass fixed values. */
  final Environment environment;

  Main(Environment environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(Environment.system(), out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line; returns the exit code. */
  public static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main(environment));
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("nexttoken: " + e.getMessage());
      e.getCommandLine().getErr().println("Try 'nexttoken " + (e.getCommandLine().getParent() == null ? "" : e.getCommandLine().getCommandName() + " ") + "--help'.");
      return ErrorReporter.USAGE;
    });
    return cli.execute(args);
  }
}
