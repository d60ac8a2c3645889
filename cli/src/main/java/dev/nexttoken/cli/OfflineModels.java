package dev.nexttoken.cli;

import dev.nexttoken.Environment;
import dev.nexttoken.Operation;
import dev.nexttoken.cli.GlobalOptions.ProviderName;
import dev.nexttoken.llamacpp.LlamaCppModel;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * Each CLI provider's model built the way {@link ModelFactory#open} builds it for a command, but
 * without the network, only to read what it declares: every {@code *_KEY} variable reads as a
 * placeholder, base URLs stay each provider's default (OpenAI's per-model capabilities depend on
 * talking to OpenAI itself), and llama.cpp gets its default address instead of the bundled server.
 * Nothing is sent; the models must not be called.
 */
final class OfflineModels {
  private static final Environment PLACEHOLDERS = Environment.of(Map.of(), new AbstractMap<>() {
    @Override
    public String get(Object name) {
      if ("NEXTTOKEN_LLAMA_URL".equals(name)) {
        return LlamaCppModel.DEFAULT_BASE_URL;
      }
      if ("NEXTTOKEN_OLLAMA_MODEL".equals(name)) {
        return PLACEHOLDER_MODEL; // Ollama has no default model; its capabilities do not depend on one
      }
      return name instanceof String n && n.endsWith("_KEY") ? "offline-placeholder-key" : null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return Set.of();
    }
  });

  /** The model name given where a provider names no default; the table shows it as "yours to name". */
  static final String PLACEHOLDER_MODEL = "offline-placeholder-model";

  private OfflineModels() {}

  /**
   * The model {@code provider} would use for {@code operation} with default options; a provider that
   * insists on a base URL is given one no request will ever reach.
   */
  static OpenedModel open(ProviderName provider, Operation operation) {
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    try {
      return ModelFactory.open(provider, new GlobalOptions(), PLACEHOLDERS, operation, quiet);
    } catch (CliException e) {
      GlobalOptions global = new GlobalOptions();
      global.baseUrl = UNREACHABLE;
      return ModelFactory.open(provider, global, PLACEHOLDERS, operation, quiet);
    }
  }

  /** A loopback port nothing listens on (the discard port); never contacted anyway. */
  private static final String UNREACHABLE = "http://127.0.0.1:9";
}
