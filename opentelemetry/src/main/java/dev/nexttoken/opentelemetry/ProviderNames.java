package dev.nexttoken.opentelemetry;

import okhttp3.HttpUrl;

/**
 * {@code gen_ai.provider.name} for a nexttoken provider: the conventions' well-known value where
 * one applies, told apart by host where one SDK provider reaches several services (Gemini's API or
 * Vertex AI, OpenAI or Azure OpenAI); otherwise the SDK's own name ({@code llamacpp},
 * {@code ollama}, {@code vllm}), as the conventions allow for providers they do not list.
 */
final class ProviderNames {
  private ProviderNames() {}

  /** @param baseUrl where the model sends its requests, or null when unknown */
  static String of(String provider, HttpUrl baseUrl) {
    String host = baseUrl == null ? "" : baseUrl.host();
    return switch (provider) {
      case "openai", "openai-responses" -> host.endsWith(".openai.azure.com") ? "azure.ai.openai" : "openai";
      case "gemini" -> host.endsWith("aiplatform.googleapis.com") ? "gcp.vertex_ai" : "gcp.gemini";
      default -> provider;
    };
  }
}
