package dev.nexttoken.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Environment;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against api.openai.com itself; runs only with {@code OPENAI_API_KEY} set ({@code mvn -Plive verify}),
 * skipped otherwise. Checks shapes and invariants, since OpenAI's values are not reproducible.
 */
class OpenAiLiveIT {
  private OpenAiModel model;

  @BeforeEach
  void connect() {
    assumeTrue(Environment.system().get("openai.apiKey", "OPENAI_API_KEY") != null, "OPENAI_API_KEY is not set");
    // Always OpenAI itself, whatever OPENAI_BASE_URL says: this test is about the real service.
    model = OpenAiModel.fromEnv().baseUrl(OpenAiModel.DEFAULT_BASE_URL).build();
  }

  @AfterEach
  void close() {
    if (model != null) {
      model.close();
    }
  }

  @Test
  void legacyCompletionWithFiveAlternatives() {
    Completion whole = model.complete(completion());
    assertTable(whole, 5);
    try (CompletionStream stream = model.completeStreaming(completion())) {
      Completion streamed = stream.collect();
      assertTable(streamed, 5);
      assertNotNull(streamed.usage().completionTokens(), "include_usage gave a usage chunk");
    }
  }

  @Test
  void echoScoresThePrompt() {
    Completion echoed = model.complete(CompletionRequest.builder("The capital of France is")
        .model("gpt-3.5-turbo-instruct").maxTokens(1).temperature(0.0).topLogprobs(1).echoPrompt(true).build());
    assertNotNull(echoed.promptLogprobs());
    assertNull(echoed.promptLogprobs().get(0).logprob(), "the first prompt token has no logprob");
    assertEquals("The capital of France is", echoed.promptLogprobs().stream().map(TokenLogprob::token).reduce("", String::concat));
    assertFalse(echoed.text().startsWith("The capital"), echoed.text());
  }

  @Test
  void chatWithFiveAlternatives() {
    Completion whole = model.chat(chat());
    assertTable(whole, 5);
    assertNotNull(whole.logprobs().get(0).bytes(), "chat reports bytes");
    try (CompletionStream stream = model.chatStreaming(chat())) {
      Completion streamed = stream.collect();
      assertTable(streamed, 5);
      assertNotNull(streamed.usage().completionTokens(), "include_usage gave a usage chunk");
    }
  }

  private static CompletionRequest completion() {
    return CompletionRequest.builder("The capital of France is").model("gpt-3.5-turbo-instruct")
        .maxTokens(5).temperature(0.0).topLogprobs(5).build();
  }

  private static ChatRequest chat() {
    return ChatRequest.builder().model("gpt-4o-mini").system("Answer in a few words.").user("Capital of France?")
        .maxTokens(5).temperature(0.0).topLogprobs(5).build();
  }

  private static void assertTable(Completion completion, int k) {
    List<TokenLogprob> logprobs = completion.logprobs();
    assertNotNull(logprobs);
    assertFalse(logprobs.isEmpty());
    assertEquals(completion.text(), logprobs.stream().map(TokenLogprob::token).reduce("", String::concat));
    for (TokenLogprob token : logprobs) {
      assertTrue(token.logprob() <= 0, token::toString);
      assertTrue(token.topLogprobs().size() <= k, token::toString);
      assertNull(token.id(), "OpenAI reports no token ids");
      for (int r = 1; r < token.topLogprobs().size(); r++) {
        List<TokenCandidate> top = token.topLogprobs();
        assertTrue(top.get(r - 1).logprob() >= top.get(r).logprob(), "rank order: " + top);
      }
    }
  }
}
