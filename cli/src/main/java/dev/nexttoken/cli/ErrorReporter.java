package dev.nexttoken.cli;

import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.RateLimitException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into one line on stderr that names the provider, the status or cause, and what
 * to do; a stack trace only with {@code --verbose}. Exit codes: 1 for a provider or network failure,
 * 2 for a usage problem.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  static final int PROVIDER_FAILURE = 1;
  static final int USAGE = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean verbose = parseResult.hasMatchedOption("--verbose")
        || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
    err.println("nexttoken: " + describe(e));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return e instanceof NextTokenException ? PROVIDER_FAILURE : USAGE;
  }

  static String describe(Throwable e) {
    if (e instanceof AuthenticationException a) {
      return a.getMessage() + keyHint(a.provider());
    }
    if (e instanceof RateLimitException r && r.retryAfter().isPresent()) {
      return r.getMessage() + " (provider asks to wait " + r.retryAfter().get().toSeconds() + " s)";
    }
    if (e instanceof NextTokenException || e instanceof CliException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static String keyHint(String provider) {
    if ("openai".equals(provider)) {
      return "; set OPENAI_API_KEY";
    }
    if ("cohere".equals(provider)) {
      return "; set CO_API_KEY";
    }
    return "";
  }
}
