package dev.nexttoken.cli;

import java.time.Duration;
import java.util.Arrays;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/**
 * Options every command accepts, before or after the command name. API keys are read from the
 * environment only ({@code OPENAI_API_KEY}, {@code CO_API_KEY}, {@code GEMINI_API_KEY} or {@code GOOGLE_API_KEY}, {@code OLLAMA_API_KEY}, {@code VLLM_API_KEY}): a flag would show in {@code ps}.
 */
public final class GlobalOptions {
  @Option(names = "--provider", scope = ScopeType.INHERIT, paramLabel = "NAME", converter = ProviderName.Converter.class,
      description = "openai, openai-responses, cohere, gemini, llamacpp, ollama or vllm (default: ${DEFAULT-VALUE})", defaultValue = "llamacpp")
  ProviderName provider = ProviderName.llamacpp;

  @Option(names = "--base-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "OpenAI (both routes) and vLLM: up to and including /v1; Cohere: the API root; Gemini: up to and including /v1beta; llama.cpp and Ollama: the server root. "
          + "Without it, llamacpp starts the bundled server and model; ollama reads OLLAMA_HOST (default http://127.0.0.1:11434).")
  String baseUrl;

  @Option(names = "--model", scope = ScopeType.INHERIT, paramLabel = "NAME", description = "model name; defaults: openai and openai-responses gpt-4o-mini for chat and gpt-3.5-turbo-instruct for complete/walk, "
          + "cohere command-a-03-2025, gemini gemini-2.0-flash, llamacpp and vllm whatever the server serves; ollama has none (required)")
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

  /** Not an option: the run's OpenTelemetry when an OTEL_* exporter is set ({@link Main#run}), else null. */
  CliTelemetry telemetry;

  /** The provider names the CLI knows; {@link #toString()} is the name as typed ({@code openai-responses}). */
  public enum ProviderName {
    openai,
    /** OpenAI's Responses API ({@code POST /v1/responses}). */
    openai_responses,
    cohere,
    gemini,
    llamacpp,
    ollama,
    vllm;

    /** The name as typed and as shown: the constant's name with {@code -} for {@code _}. */
    @Override
    public String toString() {
      return name().replace('_', '-');
    }

    /** Reads a name as typed, in any case; an unknown one is refused naming the known ones, as picocli does for enums. */
    public static final class Converter implements ITypeConverter<ProviderName> {
      @Override
      public ProviderName convert(String value) {
        for (ProviderName name : values()) {
          if (name.toString().equalsIgnoreCase(value)) {
            return name;
          }
        }
        throw new TypeConversionException("expected one of " + Arrays.toString(values()) + " but was '" + value + "'");
      }
    }
  }
}
