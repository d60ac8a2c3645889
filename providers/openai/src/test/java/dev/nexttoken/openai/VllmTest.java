package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.sent;
import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static dev.nexttoken.openai.OpenAiFixtures.vllm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.Usage;
import dev.nexttoken.error.InvalidRequestException;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vLLM dialect's chat and completion (wire-formats-2 §4): its extra request fields, its extra
 * response fields read tolerantly, tokens as ids, and its errors: the {@code --max-logprobs} cap
 * learned from the refusal and then enforced before sending, the other unsupported combinations.
 */
class VllmTest {
  private static final String CHAT_MODEL = "Qwen/Qwen2.5-0.5B-Instruct";
  private static final String BASE_MODEL = "Qwen/Qwen2.5-0.5B";

  private final MockWebServer server = new MockWebServer();
  private OpenAiModel model;

  @BeforeEach
  void start() throws Exception {
    server.start();
    model = builder().build();
  }

  private OpenAiModel.Builder builder() {
    return OpenAiModel.vllm().baseUrl(server.url("/v1").toString()).maxRetries(0);
  }

  @AfterEach
  void stop() {
    model.close();
    server.close();
  }

  @Test
  void chatSendsTopKAndMaxTokensAndIgnoresVllmsExtraFields() {
    server.enqueue(json(vllm("chat", "extras.json")));

    Completion completion = model.chat(ChatRequest.builder().model(CHAT_MODEL).user("Paris is in France?")
        .maxTokens(3).topK(40).topLogprobs(2).build());

    assertBody(vllm("chat", "request-extras.json"), take(server));
    assertEquals("Oui.", completion.text());
    assertEquals(FinishReason.Kind.STOP, completion.finishReason().kind());
    assertEquals(new Usage(20, 2, 22, null, null), completion.usage());
    TokenLogprob oui = completion.logprobs().get(0);
    assertEquals("Oui", oui.token());
    assertArrayEquals("Oui".getBytes(StandardCharsets.UTF_8), oui.bytes());
    // -9999 is vLLM's clamp for an impossible token
    assertEquals(Double.NEGATIVE_INFINITY, oui.topLogprobs().get(1).logprob());
    assertEquals(2, completion.logprobs().size());
  }

  @Test
  void chosenTokensOnlyAsksForZeroAlternativesAsVllmReportsTheChosenTokensForZero() {
    server.enqueue(json(vllm("chat", "extras.json")));

    Completion completion = model.chat(ChatRequest.builder().model(CHAT_MODEL).user("Paris is in France?").topLogprobs(0).build());

    JsonNode body = sent(take(server));
    assertEquals(0, body.get("top_logprobs").asInt());
    assertTrue(body.get("logprobs").asBoolean());
    assertEquals(List.of(), completion.logprobs().get(0).topLogprobs());
  }

  @Test
  void completionSendsTopKAndZeroLogprobsAndIgnoresVllmsExtraFields() {
    server.enqueue(json(vllm("completions", "extras.json")));

    Completion completion = model.complete(CompletionRequest.builder("The capital of France is").model(BASE_MODEL)
        .maxTokens(4).topK(20).topLogprobs(0).build());

    assertBody(vllm("completions", "request-extras.json"), take(server));
    assertEquals(" Paris.", completion.text());
    assertEquals(List.of(new TokenLogprob(" Paris", null, null, -0.4, List.of()), new TokenLogprob(".", null, null, -0.9, List.of())),
        completion.logprobs());
    assertEquals(new Usage(6, 2, 8), completion.usage());
  }

  @Test
  void anEchoedPromptIsSplitOffByItsTokenCountNotByOffsetsThatCountTheBeginningOfSequenceToken() {
    server.enqueue(json(vllm("completions", "echo.json")));

    Completion completion = model.complete(CompletionRequest.builder("Hi there").model(BASE_MODEL)
        .maxTokens(1).topLogprobs(2).echoPrompt(true).build());

    JsonNode body = sent(take(server));
    assertTrue(body.get("echo").asBoolean());
    assertEquals(2, body.get("logprobs").asInt());
    assertEquals("!", completion.text());
    assertEquals(List.of(new TokenLogprob("!", null, null, -0.5, List.of(new TokenCandidate("!", null, null, -0.5),
        new TokenCandidate(".", null, null, -1.1)))), completion.logprobs());
    assertEquals(List.of("<|begin_of_text|>", "Hi", " there"), completion.promptLogprobs().stream().map(TokenLogprob::token).toList());
    assertNull(completion.promptLogprobs().get(0).logprob());
  }

  @Test
  void topKBelowOneIsRefusedBeforeSending() {
    RequestValidationException e = assertThrows(RequestValidationException.class,
        () -> model.chat(ChatRequest.builder().model(CHAT_MODEL).user("Hi").topK(0).build()));

    assertEquals("topK", e.field());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void tokensAsIdsAreAskedForAndReadAsIdsWithoutText() {
    try (OpenAiModel ids = builder().returnTokensAsTokenIds(true).build()) {
      server.enqueue(json(vllm("chat", "token-ids.json")));

      Completion completion = ids.chat(ChatRequest.builder().model(CHAT_MODEL).user("e with an acute accent")
          .maxTokens(2).topLogprobs(1).build());

      assertBody(vllm("chat", "request-token-ids.json"), take(server));
      assertEquals("é", completion.text(), "the answer's text is whole");
      assertEquals(List.of(
          new TokenLogprob("", null, 2858, -0.3, List.of(new TokenCandidate("", null, 2858, -0.3))),
          new TokenLogprob("", null, 102, -0.01, List.of(new TokenCandidate("", null, 102, -0.01)))), completion.logprobs());
      assertTrue(ids.capabilities().chat().tokenIds());
      assertFalse(ids.capabilities().chat().tokenBytes(), "vLLM sends the bytes of \"token_id:N\", so none are reported");
    }
  }

  @Test
  void tokensAsIdsFromAServerStartedWithTheFlagAreReadToo() {
    server.enqueue(json(vllm("chat", "token-ids.json")));

    Completion completion = model.chat(ChatRequest.builder().model(CHAT_MODEL).user("e").topLogprobs(1).build());

    assertFalse(sent(take(server)).has("return_tokens_as_token_ids"));
    assertEquals(List.of(2858, 102), completion.logprobs().stream().map(TokenLogprob::id).toList());
  }

  @Test
  void aStreamedChatEqualsTheBlockingOne() {
    server.enqueue(json(vllm("chat", "contract-hello.json")));
    server.enqueue(sse(vllm("chat", "contract-hello.sse")));
    ChatRequest request = ChatRequest.builder().model(CHAT_MODEL).user("Hi").topLogprobs(2).build();

    Completion blocking = model.chat(request);
    Completion streamed;
    try (CompletionStream stream = model.chatStreaming(request)) {
      streamed = stream.collect();
    }

    assertEquals(blocking.text(), streamed.text());
    assertEquals(blocking.logprobs(), streamed.logprobs());
    assertEquals(blocking.usage(), streamed.usage());
  }

  @Test
  void aStreamCutMidwayFailsAndKeepsWhatArrived() {
    server.enqueue(sse(vllm("chat", "stream-cut.sse")));

    try (CompletionStream stream = model.chatStreaming(ChatRequest.builder().model(CHAT_MODEL).user("Hi").topLogprobs(0).build())) {
      assertThrows(MalformedResponseException.class, stream::collect);
      assertEquals("Hello", stream.partial().text());
      assertEquals(1, stream.partial().logprobs().size());
    }
  }

  @Test
  void theMaxLogprobsRefusalNamesTheCapAndIsRememberedSoTheNextRequestFailsBeforeSending() {
    server.enqueue(error(vllm("completions", "error-max-logprobs.json")));
    assertEquals(OperationCapabilities.UNLIMITED, model.capabilities().scoring().maxTopLogprobs());

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.score(new ScoreRequest("Hi", " there", 25, BASE_MODEL)));

    assertEquals("topLogprobs", e.field());
    assertTrue(e.getMessage().contains("at most 20"), e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    assertEquals(400, e.httpStatus());
    assertEquals(20, model.capabilities().scoring().maxTopLogprobs());
    assertEquals(20, model.capabilities(CHAT_MODEL).chat().maxTopLogprobs());
    assertEquals(20, model.capabilities().completion().maxTopLogprobs());

    UnsupportedCapabilityException again = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().model(CHAT_MODEL).user("Hi").topLogprobs(21).build()));
    assertEquals("topLogprobs", again.field());
    assertTrue(again.getMessage().contains("at most 20"), again.getMessage());
    assertEquals(1, server.getRequestCount(), "the second request never left");
  }

  @Test
  void theOlderFlatErrorBodyIsReadTooAndTheCapAppliesWhileStreaming() {
    server.enqueue(error(vllm("chat", "error-max-logprobs-flat.json")));

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chatStreaming(ChatRequest.builder().model(CHAT_MODEL).user("Hi").topLogprobs(30).build()));

    assertTrue(e.getMessage().contains("at most 20"), e.getMessage());
    assertEquals(20, model.capabilities().chat().maxTopLogprobs());
  }

  @Test
  void aCapDeclaredOnTheBuilderIsEnforcedFromTheStart() {
    try (OpenAiModel capped = builder().maxLogprobs(5).build()) {
      assertThrows(UnsupportedCapabilityException.class,
          () -> capped.complete(CompletionRequest.builder("Hi").model(BASE_MODEL).topLogprobs(6).build()));
      assertEquals(0, server.getRequestCount());
    }
  }

  @Test
  void anotherRefusalStaysAnInvalidRequestAndLeavesTheCapAlone() {
    server.enqueue(error(vllm("completions", "error-stream-options.json")));

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> model.complete(CompletionRequest.builder("Hi").model(BASE_MODEL).topLogprobs(2).build()));

    assertTrue(e.getMessage().contains("Stream options can only be defined"), e.getMessage());
    assertEquals(OperationCapabilities.UNLIMITED, model.capabilities().completion().maxTopLogprobs());
  }

  @Test
  void promptLogprobsWhileStreamingAreRefusedBeforeSendingAsVllmRefusesThem() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.completeStreaming(CompletionRequest.builder("Hi").model(BASE_MODEL).echoPrompt(true).topLogprobs(1).build()));

    assertEquals("echoPrompt", e.field());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aServerWithoutKeysIsCalledWithoutAuthorizationAndTheDefaultBaseUrlIsVllms() {
    server.enqueue(json(vllm("chat", "contract-hello.json")));

    model.chat(ChatRequest.of("Hi"));

    assertNull(take(server).getHeaders().get("Authorization"));
    try (OpenAiModel local = OpenAiModel.vllm().build()) {
      assertTrue(local.toString().contains("localhost:8000"), local.toString());
      assertEquals(OpenAiDialect.VLLM, local.dialect());
    }
  }

  private static MockResponse error(String body) {
    return new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json").body(body).build();
  }
}
