package dev.nexttoken.examples.spark;

import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.eval.EvalInputException;
import dev.nexttoken.eval.TargetSpec;
import dev.nexttoken.llamacpp.LlamaCppModel;
import dev.nexttoken.ollama.OllamaModel;
import dev.nexttoken.openai.OpenAiModel;
import dev.nexttoken.spi.ModelBuilder;

/**
 * Opens a target by name inside a Spark task, from the executor's environment (keys from
 * {@code OPENAI_API_KEY}, {@code VLLM_API_KEY}, {@code OLLAMA_API_KEY}; never from the job's
 * arguments, which the cluster's UI shows). The command line's {@code ModelFactory} does the same for
 * every provider and can also start a local server; a cluster job needs neither, so this opens the
 * providers a cluster serves itself or reaches over HTTP. Without retries of the client's own: the
 * partition's {@code TargetRunner} retries within its budget.
 */
final class TargetModels {
  private TargetModels() {}

  static LanguageModel open(TargetSpec spec, Environment env) {
    return switch (spec.provider()) {
      case "llamacpp" -> configure(LlamaCppModel.fromEnv(env), spec).build();
      case "openai" -> configure(OpenAiModel.fromEnv(env), spec).build();
      case "vllm" -> configure(OpenAiModel.vllmFromEnv(env), spec).build();
      case "ollama" -> configure(OllamaModel.fromEnv(env), spec).build();
      default -> throw new EvalInputException("target " + spec.label() + ": the Spark example opens llamacpp, openai, vllm and ollama, not "
          + spec.provider());
    };
  }

  private static <B extends ModelBuilder<B>> B configure(B builder, TargetSpec spec) {
    if (spec.baseUrl() != null) {
      builder.baseUrl(spec.baseUrl());
    }
    if (spec.model() != null) {
      builder.model(spec.model());
    }
    return builder.retry(RetrySettings.NONE);
  }
}
