package dev.nexttoken.examples;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The same code on any provider: only the line that builds the model names one. Pick the provider
 * with an argument ({@code llamacpp}, {@code openai}, {@code openai-responses}, {@code cohere},
 * {@code gemini}, {@code ollama}, {@code vllm}) or {@code NEXTTOKEN_PROVIDER}. The prompt is continued
 * as a completion; a provider without one (Gemini, the Responses API) says so and gets it as a chat
 * message instead.
 *
 * <pre>
 * examples/run SwitchProviders                 # the bundled local model
 * OPENAI_API_KEY=... examples/run SwitchProviders openai
 * OPENAI_API_KEY=... examples/run SwitchProviders openai-responses
 * CO_API_KEY=...     examples/run SwitchProviders cohere
 * GEMINI_API_KEY=... examples/run SwitchProviders gemini
 * NEXTTOKEN_MODEL=llama3.2:1b examples/run SwitchProviders ollama   # OLLAMA_HOST, default 127.0.0.1:11434
 * VLLM_BASE_URL=http://gpu:8000/v1 examples/run SwitchProviders vllm
 * </pre>
 */
public final class SwitchProviders {
  private SwitchProviders() {}

  public static void main(String[] args) {
    Environment env = Environment.system();
    run(args.length > 0 ? args[0] : ExampleModel.provider(env), env, System.out);
  }

  static void run(String provider, Environment env, PrintStream out) {
    String missing = ExampleModel.missingSetting(provider, env);
    if (missing != null) {
      out.println(provider + ": " + missing);
      return;
    }
    // The one line that differs between providers. Spelled out, it is one of:
    //   LlamaCppModel.builder().baseUrl("http://127.0.0.1:8080").build()
    //   OpenAiModel.fromEnv().model("gpt-3.5-turbo-instruct").build()
    //   OpenAiResponsesModel.fromEnv().model("gpt-4o-mini").build()
    //   CohereModel.fromEnv().completionAsChat(true).build()
    //   GeminiModel.fromEnv().build()
    //   OllamaModel.fromEnv().model("llama3.2:1b").build()
    //   OpenAiModel.vllmFromEnv(Environment.system()).build()
    try (ExampleModel opened = ExampleModel.open(provider, Operation.COMPLETION, env, builder -> {})) {
      describe(opened.model(), out);
    }
  }

  /** Provider-neutral from here on: this method knows only {@link LanguageModel}. */
  static void describe(LanguageModel model, PrintStream out) {
    out.println("provider: " + model.provider());
    // Capabilities tell the truth about what this provider offers, so code can adapt instead of failing:
    // without a raw completion the prompt goes as one chat message, and the output says so.
    OperationCapabilities completion = model.capabilities().completion();
    if (!completion.supported()) {
      out.println("no completion (" + completion.note() + "); asking by chat instead");
    }
    OperationCapabilities used = completion.supported() ? completion : model.capabilities().chat();
    out.println("alternatives per token: " + (used.unlimitedTopLogprobs() ? "unlimited" : used.maxTopLogprobs())
        + (used.note() == null ? "" : " (" + used.note() + ")"));

    // Chat.MAX_TOKENS (16): the fewest the Responses API on OpenAI generates.
    Completion answer = completion.supported()
        ? model.complete(CompletionRequest.builder(Quickstart.PROMPT).maxTokens(Chat.MAX_TOKENS).temperature(0.0).topLogprobs(0).build())
        : model.chat(ChatRequest.builder().user(Quickstart.PROMPT).maxTokens(Chat.MAX_TOKENS).temperature(0.0).topLogprobs(0).build());
    out.println("text: " + answer.text());
    StringBuilder tokens = new StringBuilder();
    for (TokenLogprob token : Quickstart.tokens(answer)) {
      tokens.append(String.format(Locale.ROOT, "%s %.3f  ", Quickstart.quoted(token.token()), token.probability()));
    }
    out.println("tokens: " + tokens.toString().strip());
  }
}
