package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Usage;
import org.junit.jupiter.api.Test;

/**
 * Cached tokens from llama-server: the prompt tokens a slot reused from its KV cache
 * ({@code timings.cache_n}, and on {@code /v1} {@code usage.prompt_tokens_details.cached_tokens} in
 * builds that send it). Never {@code tokens_cached}, which counts the slot's cache after the call,
 * generated tokens included. llama.cpp counts no reasoning tokens apart: null.
 */
class UsageDetailsTest extends MockServerTest {
  /** Five prompt tokens, four of them served from the cache (a repeated prompt), one generated. */
  private static final Usage WARM = new Usage(5, 1, 6, 4, null);

  private static CompletionRequest prompt() {
    return CompletionRequest.builder("Weights and Biases is").maxTokens(1).temperature(0.0).build();
  }

  private static ChatRequest chat() {
    return ChatRequest.builder().user("Weights and Biases is").maxTokens(1).temperature(0.0).build();
  }

  @Test
  void nativeCompletionReportsCacheNNotTokensCached() {
    server.enqueue(Fixtures.json("completion/warm-cache"));
    server.enqueue(Fixtures.sse("completion/warm-cache"));

    Completion whole = model.complete(prompt());
    Completion collected;
    try (CompletionStream stream = model.completeStreaming(prompt())) {
      collected = stream.collect();
    }

    assertEquals(WARM, whole.usage(), "cache_n 4; tokens_cached 5 is the slot after the call");
    assertEquals(WARM, collected.usage(), "from the final event");
  }

  @Test
  void aColdCacheIsZeroAndABuildWithoutCacheNIsNull() {
    server.enqueue(Fixtures.json("completion/known"));
    server.enqueue(Fixtures.json("completion/legacy"));

    assertEquals(0, model.complete(prompt()).usage().cachedTokens(), "cache_n 0 while tokens_cached is 7");
    Usage legacy = model.complete(prompt()).usage();
    assertEquals(null, legacy.cachedTokens(), "timings without cache_n: not reported");
    assertEquals(null, legacy.reasoningTokens());
  }

  @Test
  void chatReadsTheUsageDetailsOrTheTimingsBesideTheUsage() {
    server.enqueue(Fixtures.json("chat/warm-cache"));
    server.enqueue(Fixtures.sse("chat/warm-cache"));

    Completion whole = model.chat(chat());
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(chat())) {
      collected = stream.collect();
    }

    assertEquals(WARM, whole.usage(), "prompt_tokens_details.cached_tokens");
    assertEquals(WARM, collected.usage(), "a usage chunk without details: timings.cache_n of the same chunk");
  }
}
