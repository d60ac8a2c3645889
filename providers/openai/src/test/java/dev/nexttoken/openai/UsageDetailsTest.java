package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code usage.prompt_tokens_details.cached_tokens} and {@code usage.completion_tokens_details.reasoning_tokens}
 * on chat and legacy completions, blocking and streamed: a reported count (0 included) is kept, an
 * absent one is null.
 */
class UsageDetailsTest extends OpenAiServerTest {
  private static final Usage REASONING_MODEL = new Usage(2048, 212, 2260, 1920, 192);

  @Override
  protected String defaultModel() {
    return "o4-mini";
  }

  @Test
  void chatReportsCachedAndReasoningTokens() {
    server.enqueue(json(read("chat", "usage-details.json")));

    Completion completion = openAi.chat(ChatRequest.of("Capital of France?"));

    assertEquals(REASONING_MODEL, completion.usage());
  }

  @Test
  void aChatStreamReportsThemInItsUsageChunkAndCollectsToTheBlockingAnswer() {
    server.enqueue(json(read("chat", "usage-details.json")));
    server.enqueue(sse(read("chat", "stream-usage-details.sse")));

    Completion whole = openAi.chat(ChatRequest.of("Capital of France?"));
    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = openAi.chatStreaming(ChatRequest.of("Capital of France?"))) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    assertEquals(REASONING_MODEL, chunks.get(chunks.size() - 1).usage());
    assertEquals(REASONING_MODEL, collected.usage());
    assertEquals(whole.text(), collected.text());
    assertEquals(whole.usage(), collected.usage());
  }

  @Test
  void chatZerosStayZerosAndAbsentDetailsAreNull() {
    server.enqueue(json(read("chat", "logprobs.json")));
    server.enqueue(sse(read("chat", "stream.sse")));

    assertEquals(new Usage(20, 1, 21, 0, 0), openAi.chat(ChatRequest.of("Capital of France?")).usage(),
        "cached_tokens 0 and reasoning_tokens 0 reported");
    try (CompletionStream stream = openAi.chatStreaming(ChatRequest.of("Capital of France?"))) {
      assertEquals(new Usage(20, 1, 21, null, null), stream.collect().usage(), "a usage chunk without details");
    }
  }

  @Test
  void legacyCompletionsReadTheSameDetails() {
    server.enqueue(json(read("completions", "usage-details.json")));
    server.enqueue(sse(read("completions", "stream-usage-details.sse")));
    server.enqueue(json(read("completions", "logprobs.json")));
    CompletionRequest request = CompletionRequest.builder("The capital of France is").model("gpt-3.5-turbo-instruct").maxTokens(2).build();

    Usage cachedZero = new Usage(5, 2, 7, 0, null); // completion_tokens_details: null
    assertEquals(cachedZero, openAi.complete(request).usage());
    try (CompletionStream stream = openAi.completeStreaming(request)) {
      assertEquals(cachedZero, stream.collect().usage());
    }
    assertEquals(new Usage(5, 2, 7, null, null), openAi.complete(request).usage(), "no details at all");
  }
}
