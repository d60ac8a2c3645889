package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static dev.nexttoken.openai.OpenAiFixtures.vllm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.ToolCall;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reasoning a compatible server shows apart from the answer ({@code reasoning_content}: llama.cpp,
 * DeepSeek, older vLLM; {@code reasoning}: newer vLLM): never in the text, its tokens' logprobs never
 * among the answer's, its token count from {@code completion_tokens_details.reasoning_tokens}.
 */
class ReasoningTest {
  private final MockWebServer server = new MockWebServer();
  private OpenAiModel compatible;

  @BeforeEach
  void start() throws Exception {
    server.start();
    compatible = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    compatible.close();
    server.close();
  }

  private static List<String> tokens(List<TokenLogprob> logprobs) {
    return logprobs.stream().map(TokenLogprob::token).toList();
  }

  @Test
  void reasoningContentIsReasoningAndItsTokensAreSplitOffTheAnswers() {
    server.enqueue(json(read("chat", "reasoning.json")));

    Completion answer = compatible.chat(ChatRequest.builder().user("Capital of France?").topLogprobs(1).build());

    assertEquals("Paris", answer.text());
    assertEquals("The user wants the capital. It is Paris.", answer.reasoning());
    assertEquals(List.of("Paris"), tokens(answer.logprobs()));
    assertEquals(List.of("<think>", "The user wants the capital.", " It is Paris.", "</think>", "\n\n"), tokens(answer.reasoningLogprobs()));
    assertEquals(new Usage(9, 6, 15, null, 5), answer.usage());
  }

  /** Each reasoning delta carries its own tokens' logprobs, so the stream splits exactly what the blocking answer splits by text. */
  @Test
  void streamedReasoningDeltasCollectToTheBlockingAnswer() {
    server.enqueue(json(read("chat", "reasoning.json")));
    server.enqueue(sse(read("chat", "stream-reasoning.sse")));
    ChatRequest request = ChatRequest.builder().user("Capital of France?").topLogprobs(1).build();

    Completion blocking = compatible.chat(request);
    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = compatible.chatStreaming(request)) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    assertEquals(blocking, collected);
    Chunk first = chunks.get(1); // after the role chunk, which reports the system fingerprint
    assertEquals("The user wants the capital.", first.reasoningDelta());
    assertEquals("", first.textDelta());
    assertNull(first.logprobs(), "reasoning tokens are not the answer's");
    assertEquals(List.of("<think>", "The user wants the capital."), tokens(first.reasoningLogprobs()));
  }

  @Test
  void vllmsReasoningFieldAndToolCallsAreRead() {
    try (OpenAiModel vllm = OpenAiModel.vllm().baseUrl(server.url("/v1").toString()).maxRetries(0).build()) {
      server.enqueue(json(vllm("chat", "reasoning-tools.json")));

      Completion answer = vllm.chat(ChatRequest.builder().user("Weather in Oslo?").tools(ToolsTest.TOOLS).build());

      assertEquals("The user asks for the weather; call the tool.", answer.reasoning());
      assertEquals("", answer.text());
      assertEquals(List.of(new ToolCall("chatcmpl-tool-9f2c", "get_weather", "{\"city\": \"Oslo\", \"units\": \"c\"}")), answer.toolCalls());
      assertEquals(FinishReason.of(FinishReason.Kind.TOOL_CALLS, "tool_calls"), answer.finishReason());
      assertNull(answer.usage().reasoningTokens(), "vLLM does not count them apart");
    }
  }
}
