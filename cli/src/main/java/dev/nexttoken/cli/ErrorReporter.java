package dev.nexttoken.cli;

import dev.nexttoken.error.AuthenticationException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.RateLimitException;
import dev.nexttoken.error.RequestValidationException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into one line on stderr that names the provider, the status or cause, and what
 * to do; a stack trace only with {@code --verbose}. Exit codes: 1 for a provider or network failure,
 * 2 for a usage problem (a bad option, a missing key, a request the provider cannot serve).
 * Messages come from the SDK's exceptions, which never carry the API key.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  static final int PROVIDER_FAILURE = 1;
  static final int USAGE = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    err.println("nexttoken: " + describe(e));
    if (verbose(parseResult)) {
      e.printStackTrace(err);
    }
    err.flush();
    // Refused before sending (out of range, or not offered): the command line asked for it.
    return e instanceof NextTokenException && !(e instanceof RequestValidationException) ? PROVIDER_FAILURE : USAGE;
  }

  /** {@code --verbose} may stand before or after the command name. */
  private static boolean verbose(ParseResult result) {
    for (ParseResult p = result; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** One line: the SDK's message (which names the provider and status) and what to do about it. */
  static String describe(Throwable e) {
    String message;
    if (e instanceof AuthenticationException a) {
      message = e.getMessage() + keyHint(a.provider());
    } else if (e instanceof RateLimitException r && r.retryAfter().isPresent()) {
      message = e.getMessage() + " (the provider asks to wait " + r.retryAfter().get().toSeconds() + " s)";
    } else if (e instanceof NextTokenException || e instanceof CliException || e instanceof IllegalArgumentException) {
      message = e.getMessage();
    } else {
      message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    // A provider's message may span lines; the report is one line.
    return message == null ? e.getClass().getSimpleName() : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  private static String keyHint(String provider) {
    if ("openai".equals(provider) || "openai-responses".equals(provider)) {
      return "; set OPENAI_API_KEY";
    }
    if ("cohere".equals(provider)) {
      return "; set CO_API_KEY";
    }
    if ("ollama".equals(provider)) {
      return "; a server that needs a key (Ollama's cloud) reads it from OLLAMA_API_KEY";
    }
    return "";
  }
}
