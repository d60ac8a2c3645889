package dev.nexttoken.examples;

import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.cohere.CohereModel;
import dev.nexttoken.gemini.GeminiModel;
import dev.nexttoken.llamacpp.LlamaCppModel;
import dev.nexttoken.ollama.OllamaModel;
import dev.nexttoken.openai.OpenAiModel;
import dev.nexttoken.openai.OpenAiResponsesModel;
import dev.nexttoken.spi.ModelBuilder;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The model an example runs on: by default a llama.cpp server started here with the known-answer
 * model (no key, no network), or the provider the environment names. Closing it closes the model
 * and stops the server it started.
 *
 * <p>This is the only place the examples name a provider; everything else is provider-neutral. In
 * your own code the whole of this class is one line, for example
 * {@code LanguageModel model = OpenAiModel.fromEnv().model("gpt-4o-mini").build();}.
 *
 * <table>
 *   <caption>What is read (a system property beats an environment variable)</caption>
 *   <tr><th>variable (property)</th><th>meaning</th></tr>
 *   <tr><td>{@code NEXTTOKEN_PROVIDER} ({@code nexttoken.provider})</td><td>{@code llamacpp} (default), {@code openai},
 *       {@code openai-responses}, {@code cohere}, {@code gemini}, {@code ollama} or {@code vllm}</td></tr>
 *   <tr><td>{@code NEXTTOKEN_MODEL} ({@code nexttoken.model})</td><td>the model name; each provider has a default but Ollama,
 *       which needs one (a vLLM server without it answers with the one model it serves)</td></tr>
 *   <tr><td>{@code NEXTTOKEN_LLAMA_URL} ({@code nexttoken.llama.url})</td><td>a running llama-server to use instead of the bundled one</td></tr>
 *   <tr><td>{@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}</td><td>OpenAI, or any OpenAI-compatible server (base URL up to {@code /v1});
 *       {@code openai-responses} reads the same two for the Responses API (chat only)</td></tr>
 *   <tr><td>{@code CO_API_KEY}, {@code CO_API_URL}</td><td>Cohere</td></tr>
 *   <tr><td>{@code GEMINI_API_KEY} (or {@code GOOGLE_API_KEY}), {@code GEMINI_BASE_URL}</td><td>Gemini (chat only)</td></tr>
 *   <tr><td>{@code OLLAMA_HOST}, {@code NEXTTOKEN_OLLAMA_MODEL}</td><td>an Ollama server (default {@code 127.0.0.1:11434}); the model is
 *       {@code NEXTTOKEN_MODEL}, else {@code NEXTTOKEN_OLLAMA_MODEL} (for {@link CompareProviders}, where one model name cannot suit every provider)</td></tr>
 *   <tr><td>{@code VLLM_BASE_URL}, {@code VLLM_API_KEY}</td><td>a vLLM server (base URL up to {@code /v1}, required here so that an
 *       unconfigured vLLM is skipped rather than tried at {@code localhost:8000}); the key if the server was started with one</td></tr>
 * </table>
 */
public final class ExampleModel implements AutoCloseable {
  /** OpenAI serves completion and chat with different models; these are the cheapest that report logprobs. */
  static final String OPENAI_COMPLETION_MODEL = "gpt-3.5-turbo-instruct";
  static final String OPENAI_CHAT_MODEL = "gpt-4o-mini";

  /** The providers the examples know, in the order {@link CompareProviders} asks them. */
  public static final List<String> PROVIDERS = List.of("llamacpp", "openai", "openai-responses", "cohere", "gemini", "ollama", "vllm");

  private final LanguageModel model;
  private final LlamaServer bundledServer;

  private ExampleModel(LanguageModel model, LlamaServer bundledServer) {
    this.model = model;
    this.bundledServer = bundledServer;
  }

  /** The provider the environment names, opened for {@code operation}. */
  public static ExampleModel open(Operation operation, Environment env) {
    return open(provider(env), operation, env, builder -> {});
  }

  /**
   * The provider the environment names; when that is the bundled server, it serves {@code bundled}
   * instead of the default known-answer model (an example that needs a model of its own: ratings for
   * a judge, a second version of a model for drift). A configured llama-server is used as it is.
   */
  public static ExampleModel open(Operation operation, Environment env, KnownAnswerModel bundled) {
    String provider = provider(env);
    if (!provider.equals("llamacpp")) {
      return open(provider, operation, env, builder -> {});
    }
    return llamaCpp(env, builder -> {}, env.get("nexttoken.model", "NEXTTOKEN_MODEL"), bundled);
  }

  /** The provider the environment names, with {@code configure} applied to its builder (timeouts, retries, client). */
  public static ExampleModel open(Operation operation, Environment env, Consumer<ModelBuilder<?>> configure) {
    return open(provider(env), operation, env, configure);
  }

  /**
   * {@code provider} (one of {@link #PROVIDERS}), configured from {@code env}. Gemini and the Responses API
   * have no raw completion: opened for {@link Operation#COMPLETION}, their capabilities say so and a
   * completion fails before sending.
   *
   * @throws IllegalStateException when the provider's key is not set; see {@link #missingSetting}
   */
  public static ExampleModel open(String provider, Operation operation, Environment env, Consumer<ModelBuilder<?>> configure) {
    provider = requireKnown(provider);
    String missing = missingSetting(provider, env);
    if (missing != null) {
      throw new IllegalStateException(provider + ": " + missing);
    }
    String modelName = env.get("nexttoken.model", "NEXTTOKEN_MODEL");
    switch (provider) {
      case "openai" -> {
        OpenAiModel.Builder builder = OpenAiModel.fromEnv(env);
        configure.accept(builder);
        String name = modelName != null ? modelName : operation == Operation.COMPLETION ? OPENAI_COMPLETION_MODEL : OPENAI_CHAT_MODEL;
        return new ExampleModel(builder.model(name).build(), null);
      }
      case "cohere" -> {
        // Cohere has no raw completion; opting in sends the prompt as one user message (capabilities say so).
        CohereModel.Builder builder = CohereModel.fromEnv(env).completionAsChat(true);
        configure.accept(builder);
        if (modelName != null) {
          builder.model(modelName);
        }
        return new ExampleModel(builder.build(), null);
      }
      case "openai-responses" -> {
        OpenAiResponsesModel.Builder builder = OpenAiResponsesModel.fromEnv(env);
        configure.accept(builder);
        return new ExampleModel(builder.model(modelName != null ? modelName : OPENAI_CHAT_MODEL).build(), null);
      }
      case "gemini" -> {
        GeminiModel.Builder builder = GeminiModel.fromEnv(env);
        configure.accept(builder);
        if (modelName != null) {
          builder.model(modelName);
        }
        return new ExampleModel(builder.build(), null);
      }
      case "ollama" -> {
        OllamaModel.Builder builder = OllamaModel.fromEnv(env);
        configure.accept(builder);
        return new ExampleModel(builder.model(ollamaModel(env)).build(), null);
      }
      case "vllm" -> {
        OpenAiModel.Builder builder = OpenAiModel.vllmFromEnv(env);
        configure.accept(builder);
        if (modelName != null) {
          builder.model(modelName);
        }
        return new ExampleModel(builder.build(), null);
      }
      default -> {
        return llamaCpp(env, configure, modelName, KnownAnswerModel.defaultModel());
      }
    }
  }

  private static ExampleModel llamaCpp(Environment env, Consumer<ModelBuilder<?>> configure, String modelName, KnownAnswerModel known) {
    LlamaCppModel.Builder builder = LlamaCppModel.fromEnv(env);
    configure.accept(builder);
    if (modelName != null) {
      builder.model(modelName);
    }
    if (env.get("nexttoken.llama.url", "NEXTTOKEN_LLAMA_URL") != null) {
      return new ExampleModel(builder.build(), null);
    }
    // The bundled server: installed into ~/.cache/nexttoken on first use, serving a model whose
    // every probability is known (see KnownAnswerModel), on a free loopback port.
    LlamaServer server = LlamaServer.start(known.cachedFile());
    try {
      return new ExampleModel(builder.baseUrl(server.baseUrl()).vocabularySize(known.vocabSize()).build(), server);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * Like {@link #open(Operation, Environment)}, but the bundled server serves the known-answer JSON model
   * ({@link KnownAnswerModel#jsonModel()}) with its tool-capable chat template ({@code --jinja}): the model the
   * structured-output and tool examples need. A hosted provider or {@code NEXTTOKEN_LLAMA_URL} is opened as usual.
   */
  public static ExampleModel openJsonModel(Environment env) {
    String provider = provider(env);
    if (!provider.equals("llamacpp") || env.get("nexttoken.llama.url", "NEXTTOKEN_LLAMA_URL") != null) {
      return open(Operation.CHAT, env);
    }
    KnownAnswerModel json = KnownAnswerModel.jsonModel();
    LlamaServer server = LlamaServer.builder(json.cachedFile()).jinja().start();
    try {
      return new ExampleModel(LlamaCppModel.fromEnv(env).baseUrl(server.baseUrl()).vocabularySize(json.vocabSize()).build(), server);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The provider {@code env} names ({@code NEXTTOKEN_PROVIDER}), {@code llamacpp} when none. */
  public static String provider(Environment env) {
    String provider = env.get("nexttoken.provider", "NEXTTOKEN_PROVIDER");
    return requireKnown(provider == null ? "llamacpp" : provider);
  }

  /** {@code provider} in lower case, if it is one the examples know. */
  private static String requireKnown(String provider) {
    String name = provider.strip().toLowerCase(Locale.ROOT);
    if (!PROVIDERS.contains(name)) {
      String choices = String.join(", ", PROVIDERS.subList(0, PROVIDERS.size() - 1)) + " or " + PROVIDERS.get(PROVIDERS.size() - 1);
      throw new IllegalArgumentException("unknown provider '" + provider + "'; use " + choices);
    }
    return name;
  }

  /** Ollama's model: {@code NEXTTOKEN_MODEL}, else {@code NEXTTOKEN_OLLAMA_MODEL}, as the CLI reads it. */
  private static String ollamaModel(Environment env) {
    String model = env.get("nexttoken.model", "NEXTTOKEN_MODEL");
    return model != null ? model : env.get("nexttoken.ollama.model", "NEXTTOKEN_OLLAMA_MODEL");
  }

  /** What must be set before {@code provider} can run ({@code "set CO_API_KEY"}), or null when nothing is missing. */
  public static String missingSetting(String provider, Environment env) {
    return switch (requireKnown(provider)) {
      case "openai" -> env.get("openai.apiKey", "OPENAI_API_KEY") == null && env.get("openai.baseUrl", "OPENAI_BASE_URL") == null
          ? "set OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible server)" : null;
      case "openai-responses" -> env.get("openai.apiKey", "OPENAI_API_KEY") == null && env.get("openai.baseUrl", "OPENAI_BASE_URL") == null
          ? "set OPENAI_API_KEY (or OPENAI_BASE_URL for a server with /v1/responses)" : null;
      case "cohere" -> env.get("cohere.apiKey", "CO_API_KEY") == null ? "set CO_API_KEY" : null;
      case "gemini" -> env.get("gemini.apiKey", "GEMINI_API_KEY") == null && env.get("gemini.apiKey", "GOOGLE_API_KEY") == null
          ? "set GEMINI_API_KEY (or GOOGLE_API_KEY)" : null;
      case "ollama" -> ollamaModel(env) == null
          ? "set NEXTTOKEN_MODEL or NEXTTOKEN_OLLAMA_MODEL (Ollama serves many models and has no default)" : null;
      case "vllm" -> env.get("vllm.baseUrl", "VLLM_BASE_URL") == null ? "set VLLM_BASE_URL (your vLLM server, up to /v1)" : null;
      default -> null;
    };
  }

  /**
   * {@code env} with {@code model} as {@code NEXTTOKEN_MODEL}, everything else read from {@code env}; {@code env}
   * itself when {@code model} is null.
   */
  static Environment withModel(Environment env, String model) {
    if (model == null) {
      return env;
    }
    // Environment reads through Map.get, so a map that answers from env stands in for all of it.
    java.util.Map<String, String> properties = new java.util.AbstractMap<>() {
      @Override
      public String get(Object key) {
        return "nexttoken.model".equals(key) ? model : env.get((String) key, null);
      }

      @Override
      public java.util.Set<Entry<String, String>> entrySet() {
        return java.util.Set.of();
      }
    };
    java.util.Map<String, String> variables = new java.util.AbstractMap<>() {
      @Override
      public String get(Object key) {
        return "NEXTTOKEN_MODEL".equals(key) ? model : env.get(null, (String) key);
      }

      @Override
      public java.util.Set<Entry<String, String>> entrySet() {
        return java.util.Set.of();
      }
    };
    return Environment.of(properties, variables);
  }

  /** The model. */
  public LanguageModel model() {
    return model;
  }

  /** Whether the model runs on the bundled local server started for it. */
  public boolean bundled() {
    return bundledServer != null;
  }

  /** Closes the model, then stops the bundled server if one was started. */
  @Override
  public void close() {
    try {
      model.close();
    } finally {
      if (bundledServer != null) {
        bundledServer.close();
      }
    }
  }
}
