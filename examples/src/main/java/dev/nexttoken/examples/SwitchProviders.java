package dev.nexttoken.examples;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.Environment;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The same code on any provider: only the line that builds the model names one. Pick the provider
 * with an argument ({@code llamacpp}, {@code openai}, {@code cohere}, {@code ollama}) or {@code NEXTTOKEN_PROVIDER}.
 *
 * <pre>
 * examples/run SwitchProviders                 # the bundled local model
 * OPENAI_API_KEY=... examples/run SwitchProviders openai
 * CO_API_KEY=...     examples/run SwitchProviders cohere
 * NEXTTOKEN_MODEL=llama3.2:1b examples/run SwitchProviders ollama   # OLLAMA_HOST, default 127.0.0.1:11434
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
    //   CohereModel.fromEnv().completionAsChat(true).build()
    try (ExampleModel opened = ExampleModel.open(provider, Operation.COMPLETION, env, builder -> {})) {
      describe(opened.model(), out);
    }
  }

  /** Provider-neutral from here on: this method knows only {@link LanguageModel}. */
  static void describe(LanguageModel model, PrintStream out) {
    out.println("provider: " + model.provider());
    // Capabilities tell the truth about what this provider reports, so code can adapt instead of failing.
    var completion = model.capabilities().completion();
    out.println("alternatives per token: " + (completion.unlimitedTopLogprobs() ? "unlimited" : completion.maxTopLogprobs())
        + (completion.note() == null ? "" : " (" + completion.note() + ")"));

    Completion answer = model.complete(CompletionRequest.builder(Quickstart.PROMPT)
        .maxTokens(6)
        .temperature(0.0)
        .topLogprobs(0)
        .build());
    out.println("text: " + answer.text());
    StringBuilder tokens = new StringBuilder();
    for (TokenLogprob token : answer.logprobs()) {
      tokens.append(String.format(Locale.ROOT, "%s %.3f  ", Quickstart.quoted(token.token()), token.probability()));
    }
    out.println("tokens: " + tokens.toString().strip());
  }
}
