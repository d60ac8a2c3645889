package dev.nexttoken.cli;

import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the command name. API keys are read from the
 * environment only ({@code OPENAI_API_KEY}, {@code CO_API_KEY}, {@code GEMINI_API_KEY} or
 * {@code GOOGLE_API_KEY}): a flag would show in {@code ps}.
 */
public final class GlobalOptions {
  @Option(names = "--provider", scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "openai, cohere, gemini or llamacpp (default: ${DEFAULT-VALUE})", defaultValue = "llamacpp")
  ProviderName provider = ProviderName.llamacpp;

  @Option(names = "--base-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "OpenAI: up to and including /v1; Cohere: the API root; Gemini: up to and including /v1beta; "
          + "llama.cpp: the server root. "
          + "Without it, llamacpp starts the bundled server and model.")
  String baseUrl;

  @Option(names = "--model", scope = ScopeType.INHERIT, paramLabel = "NAME", description = "model name; defaults: openai gpt-4o-mini for chat and gpt-3.5-turbo-instruct for complete/walk, "
          + "cohere command-a-03-2025, gemini gemini-2.0-flash, llamacpp whatever the server serves")
  String model;

  @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", converter = DurationConverter.class,
      description = "bounds connecting, the first byte and each silence in a stream: 30s, 2m, 500ms (default: ${DEFAULT-VALUE})",
      defaultValue = "60s")
  Duration timeout = Duration.ofSeconds(60);

  @Option(names = "--max-retries", scope = ScopeType.INHERIT, paramLabel = "N", description = "retries after the first attempt (default: ${DEFAULT-VALUE})",
      defaultValue = "2")
  int maxRetries = 2;

  @Option(names = "--allow-insecure-http", scope = ScopeType.INHERIT,
      description = "permit sending an API key over plain http to a host that is not this machine")
  boolean allowInsecureHttp;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "print stack traces and progress details")
  boolean verbose;

  @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "no colours (also: the NO_COLOR environment variable)")
  boolean noColor;

  /** The provider names the CLI knows; lower case, as typed. */
  public enum ProviderName {
    openai,
    cohere,
    gemini,
    llamacpp
  }
}
