package dev.nexttoken.cli;

import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.Timeouts;
import dev.nexttoken.cli.GlobalOptions.ProviderName;
import dev.nexttoken.cohere.CohereModel;
import dev.nexttoken.gemini.GeminiModel;
import dev.nexttoken.llamacpp.LlamaCppModel;
import dev.nexttoken.ollama.OllamaModel;
import dev.nexttoken.openai.OpenAiModel;
import dev.nexttoken.openai.OpenAiResponsesModel;
import dev.nexttoken.spi.ModelBuilder;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import java.io.PrintWriter;

/**
 * Opens the model the global options name. Keys come from the environment only. With
 * {@code --provider llamacpp} and no {@code --base-url}, the bundled llama-server is started with the
 * known-answer model (installing the server first if needed) and stopped when the model is closed.
 */
final class ModelFactory {
  /** OpenAI's default models: completions need a legacy completions model. */
  static final String OPENAI_COMPLETION_MODEL = "gpt-3.5-turbo-instruct";
  static final String OPENAI_CHAT_MODEL = "gpt-4o-mini";

  private ModelFactory() {}

  static OpenedModel open(GlobalOptions global, Environment environment, Operation operation, PrintWriter progress) {
    return open(global.provider, global, environment, operation, progress);
  }

  static OpenedModel open(ProviderName provider, GlobalOptions global, Environment environment, Operation operation, PrintWriter progress) {
    OpenedModel opened = switch (provider) {
      case openai -> new OpenedModel(openAi(global, environment, operation), null);
      case openai_responses -> new OpenedModel(openAiResponses(global, environment), null);
      case cohere -> new OpenedModel(cohere(global, environment), null);
      case gemini -> new OpenedModel(gemini(global, environment), null);
      case llamacpp -> llamaCpp(global, environment, progress);
      case ollama -> new OpenedModel(ollama(global, environment), null);
      case vllm -> new OpenedModel(vllm(global, environment), null);
    };
    return global.telemetry == null ? opened : opened.traced(global.telemetry.wrap(opened.model()));
  }

  private static LanguageModel openAi(GlobalOptions global, Environment environment, Operation operation) {
    OpenAiModel.Builder builder = OpenAiModel.fromEnv(environment);
    String key = environment.get("openai.apiKey", "OPENAI_API_KEY");
    // Without a key only an OpenAI-compatible server makes sense, named by --base-url or OPENAI_BASE_URL.
    if (key == null && global.baseUrl == null && environment.get("openai.baseUrl", "OPENAI_BASE_URL") == null) {
      throw new CliException("openai: no API key; set OPENAI_API_KEY (or point --base-url at an OpenAI-compatible server)");
    }
    String model = global.model != null ? global.model : operation == Operation.COMPLETION ? OPENAI_COMPLETION_MODEL : OPENAI_CHAT_MODEL;
    return configure(builder, global).model(model).build();
  }

  /** The Responses API offers chat only: a completion command is refused by its capabilities, naming the route. */
  private static LanguageModel openAiResponses(GlobalOptions global, Environment environment) {
    String key = environment.get("openai.apiKey", "OPENAI_API_KEY");
    if (key == null && global.baseUrl == null && environment.get("openai.baseUrl", "OPENAI_BASE_URL") == null) {
      throw new CliException("openai-responses: no API key; set OPENAI_API_KEY (or point --base-url at a server with /v1/responses)");
    }
    String model = global.model != null ? global.model : OPENAI_CHAT_MODEL;
    return configure(OpenAiResponsesModel.fromEnv(environment), global).model(model).build();
  }

  /**
   * A vLLM server: {@code --base-url} (or {@code VLLM_BASE_URL}, default {@code http://localhost:8000/v1}),
   * the key from {@code VLLM_API_KEY} if the server wants one, and {@code --model} (without it the
   * server's only model answers).
   */
  private static LanguageModel vllm(GlobalOptions global, Environment environment) {
    OpenAiModel.Builder builder = configure(OpenAiModel.vllmFromEnv(environment), global);
    if (global.model != null) {
      builder.model(global.model);
    }
    return builder.build();
  }

  private static LanguageModel cohere(GlobalOptions global, Environment environment) {
    if (environment.get("cohere.apiKey", "CO_API_KEY") == null) {
      throw new CliException("cohere: no API key; set CO_API_KEY");
    }
    CohereModel.Builder builder = configure(CohereModel.fromEnv(environment), global);
    if (global.model != null) {
      builder.model(global.model);
    }
    return builder.build();
  }

  /**
   * The server from --base-url, else OLLAMA_HOST, else 127.0.0.1:11434; a key only from OLLAMA_API_KEY.
   * Ollama serves many models and names no default: --model, else NEXTTOKEN_OLLAMA_MODEL (for compare,
   * where --model cannot name one provider's model).
   */
  private static LanguageModel ollama(GlobalOptions global, Environment environment) {
    String model = global.model != null ? global.model : environment.get("nexttoken.ollama.model", "NEXTTOKEN_OLLAMA_MODEL");
    if (model == null || model.isBlank()) {
      throw new CliException("ollama: no model; pass --model NAME (or set NEXTTOKEN_OLLAMA_MODEL), one the server has pulled (see `ollama list`)");
    }
    return configure(OllamaModel.fromEnv(environment), global).model(model).build();
  }

  private static LanguageModel gemini(GlobalOptions global, Environment environment) {
    if (environment.get("gemini.apiKey", "GEMINI_API_KEY") == null && environment.get("gemini.apiKey", "GOOGLE_API_KEY") == null) {
      throw new CliException("gemini: no API key; set GEMINI_API_KEY (or GOOGLE_API_KEY)");
    }
    GeminiModel.Builder builder = configure(GeminiModel.fromEnv(environment), global);
    if (global.model != null) {
      builder.model(global.model);
    }
    return builder.build();
  }

  private static OpenedModel llamaCpp(GlobalOptions global, Environment environment, PrintWriter progress) {
    LlamaCppModel.Builder builder = configure(LlamaCppModel.fromEnv(environment), global);
    if (global.model != null) {
      builder.model(global.model);
    }
    if (global.baseUrl != null || environment.get("nexttoken.llama.url", "NEXTTOKEN_LLAMA_URL") != null) {
      return new OpenedModel(builder.build(), null);
    }
    KnownAnswerModel known = KnownAnswerModel.defaultModel();
    if (global.verbose) {
      progress.println("nexttoken: starting the bundled llama-server with the known-answer model");
      progress.flush();
    }
    LlamaServer server = LlamaServer.start(known.cachedFile());
    try {
      LlamaCppModel model = builder.baseUrl(server.baseUrl()).vocabularySize(known.vocabSize()).build();
      return new OpenedModel(model, server);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static <B extends ModelBuilder<B>> B configure(B builder, GlobalOptions global) {
    if (global.baseUrl != null) {
      builder.baseUrl(global.baseUrl);
    }
    return builder
        .timeouts(Timeouts.of(global.timeout))
        .retry(RetrySettings.DEFAULT.withMaxRetries(global.maxRetries))
        .allowInsecureHttp(global.allowInsecureHttp)
        .requestListener(global.telemetry == null ? null : global.telemetry.requestListener());
  }
}
