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

  @Option(names = "--stream", description = "stream the answer; text and table formats show tokens as they arrive")
  boolean stream;
}
