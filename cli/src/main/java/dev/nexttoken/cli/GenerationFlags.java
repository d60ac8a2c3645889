package dev.nexttoken.cli;

import picocli.CommandLine.Option;

/** The options {@code complete} and {@code chat} share. */
final class GenerationFlags {
  @Option(names = "--max-tokens", paramLabel = "N", description = "most tokens to generate (default: ${DEFAULT-VALUE})", defaultValue = "16")
  int maxTokens = 16;

  @Option(names = "--top-logprobs", paramLabel = "K",
      description = "alternatives per token; 0 = the chosen tokens' logprobs only. Default for table/json: min(5, the provider's maximum)")
  Integer topLogprobs;

  @Option(names = "--temperature", paramLabel = "T", description = "sampling temperature")
  Double temperature;

  @Option(names = "--seed", paramLabel = "S", description = "sampling seed, where the provider supports one")
  Long seed;

  @Option(names = "--json-schema", paramLabel = "FILE",
      description = "answer in JSON following this JSON Schema; the JSON output gains json and fields (each value's confidence)")
  java.nio.file.Path jsonSchema;

  @Option(names = "--strict", description = "with --json-schema: ask for strict schema adherence, where the provider has it")
  boolean strict;

  @Option(names = "--reasoning-effort", paramLabel = "LEVEL", description = "minimal, low, medium or high, for reasoning models")
  String reasoningEffort;

  @Option(names = "--n", paramLabel = "N", description = "how many answers to generate; the JSON output gains choices")
  Integer choices;

  @Option(names = "--logit-bias", paramLabel = "JSON", description = "bias per token id, e.g. '{\"15339\": -100}'; llama.cpp also takes strings")
  String logitBias;

  @Option(names = "--stream", description = "stream the answer; text and table formats show tokens as they arrive")
  boolean stream;
}
