package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Usage;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Legacy {@code POST /v1/completions}: request bodies, logprob tables, echo, streaming, compatible servers. */
class CompletionsTest {
  private final MockWebServer server = new MockWebServer();
  private OpenAiModel openAi;
  private OpenAiModel compatible;

  @BeforeEach
  void start() throws Exception {
    server.start();
    String base = server.url("/v1").toString();
    openAi = OpenAiModel.builder().baseUrl(base).apiKey("sk-test-key").dialect(OpenAiDialect.OPENAI).maxRetries(0).build();
    compatible = OpenAiModel.builder().baseUrl(base).maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    openAi.close();
    compatible.close();
    server.close();
  }

  private static CompletionRequest parisRequest() {
    return CompletionRequest.builder("The capital of France is")
        .model("gpt-3.5-turbo-instruct").maxTokens(2).temperature(0.0).topLogprobs(2).stop("\n").seed(7L).build();
  }

  @Test
  void sendsTheDocumentedRequestAndMapsEveryLogprob() {
    server.enqueue(json(read("completions", "logprobs.json")));

    Completion completion = openAi.complete(parisRequest());

    RecordedRequest request = take(server);
    assertEquals("POST", request.getMethod());
    assertEquals("/v1/completions", request.getUrl().encodedPath());
    assertEquals("Bearer sk-test-key", request.getHeaders().get("Authorization"));
    assertBody(read("completions", "request-logprobs.json"), request);

    assertEquals(" Paris.", completion.text());
    assertEquals(FinishReason.of(FinishReason.Kind.LENGTH, "length"), completion.finishReason());
    assertEquals(new Usage(5, 2, 7), completion.usage());
    assertEquals("gpt-3.5-turbo-instruct", completion.model());
    assertEquals("cmpl-9x", completion.metadata().responseId());
    assertEquals("fp_x", completion.metadata().extras().get("system_fingerprint"));
    assertNull(completion.promptLogprobs());
    assertEquals(
        List.of(
            token(" Paris", -0.02, candidate(" Paris", -0.02), candidate(" the", -4.1)),
            token(".", -0.41, candidate(".", -0.41), candidate(",", -1.3))),
        completion.logprobs());
  }

  @Test
  void aSampledTokenOutsideTheTopKIsRankedAndCut() {
    // OpenAI adds the sampled token as a (k+1)-th map entry; maps carry no order.
    server.enqueue(json(read("completions", "sampled-outside-top.json")));

    Completion completion = openAi.complete(parisRequest());

    assertEquals(List.of(token(" Lyon", -3.2, candidate(" Paris", -0.3), candidate(" the", -1.9))), completion.logprobs());
  }

  @Test
  void echoSplitsThePromptsTokensOffTheGeneratedOnes() {
    server.enqueue(json(read("completions", "echo.json")));

    Completion completion = openAi.complete(
        CompletionRequest.builder("Hello world").model("davinci-002").maxTokens(1).topLogprobs(1).echoPrompt(true).build());

    assertBody(read("completions", "request-echo.json"), take(server));
    assertEquals("!", completion.text());
    assertEquals(
        List.of(
            new TokenLogprob("Hello", null, null, null, List.of()),
            token(" world", -5.25, candidate(" there", -2.5))),
        completion.promptLogprobs());
    assertEquals(List.of(token("!", -1.5, candidate(".", -0.9))), completion.logprobs());
  }

  @Test
  void echoIsNotOfferedWhileStreaming() {
    CompletionRequest request = CompletionRequest.builder("Hello").model("davinci-002").echoPrompt(true).build();

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> openAi.completeStreaming(request));

    assertTrue(e.getMessage().contains("echo"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aStreamCollectsToWhatTheWholeResponseSays() {
    server.enqueue(json(read("completions", "logprobs.json")));
    server.enqueue(sse(read("completions", "stream.sse")));
    Completion whole = openAi.complete(parisRequest());
    take(server);

    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = openAi.completeStreaming(parisRequest())) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    assertBody(read("completions", "request-stream.json"), take(server));
    assertEquals(3, chunks.size(), "two token chunks and the usage chunk");
    assertEquals(List.of(" Paris", ".", ""), chunks.stream().map(Chunk::textDelta).toList());
    assertNull(chunks.get(2).logprobs(), "the usage chunk carries no logprobs");
    assertEquals(new Usage(5, 2, 7), chunks.get(2).usage());
    assertEquals(whole.text(), collected.text());
    assertEquals(whole.logprobs(), collected.logprobs());
    assertEquals(whole.finishReason(), collected.finishReason());
    assertEquals(whole.usage(), collected.usage());
    assertEquals(whole.model(), collected.model());
    assertEquals("cmpl-9x", collected.metadata().responseId());
  }

  @Test
  void readsLlamaCppChatStyleLogprobsIdsAndBytesWithoutUsage() {
    server.enqueue(json(read("completions", "llamacpp.json")));

    Completion completion = compatible.complete(CompletionRequest.builder("The capital of France is").topLogprobs(2).build());

    assertEquals(" Paris.", completion.text());
    assertEquals(Usage.UNKNOWN, completion.usage());
    TokenLogprob paris = completion.logprobs().get(0);
    assertEquals(12366, paris.id());
    assertArrayEquals(" Paris".getBytes(java.nio.charset.StandardCharsets.UTF_8), paris.bytes());
    assertEquals(-0.015, paris.logprob());
    assertEquals(List.of(12366, 278), paris.topLogprobs().stream().map(TokenCandidate::id).toList());
    TokenLogprob dot = completion.logprobs().get(1);
    // llama.cpp's float-lowest means probability 0: kept as a candidate with -infinity.
    assertEquals(Double.NEGATIVE_INFINITY, dot.topLogprobs().get(1).logprob());
    assertEquals(",", dot.topLogprobs().get(1).token());
  }

  @Test
  void onlyTheChosenTokenAsksACompatibleServerForOneAlternativeAndDropsIt() {
    server.enqueue(json(read("completions", "llamacpp.json")));

    Completion completion = compatible.complete(CompletionRequest.builder("The capital of France is").model("m").topLogprobs(0).build());

    assertBody("{\"model\":\"m\",\"prompt\":\"The capital of France is\",\"logprobs\":1,\"echo\":false}", take(server));
    assertEquals(List.of(List.of(), List.of()), completion.logprobs().stream().map(TokenLogprob::topLogprobs).toList());
    assertEquals(-0.4, completion.logprobs().get(1).logprob());
  }

  @Test
  void aLlamaCppStreamEndsWithoutUsage() {
    server.enqueue(sse(read("completions", "stream-llamacpp.sse")));

    Completion collected;
    try (CompletionStream stream = compatible.completeStreaming(CompletionRequest.builder("The capital of France is").topLogprobs(2).build())) {
      collected = stream.collect();
    }

    assertEquals(" Paris", collected.text());
    assertEquals(Usage.UNKNOWN, collected.usage());
    assertEquals(FinishReason.Kind.LENGTH, collected.finishReason().kind());
    assertEquals(1, collected.logprobs().size());
    assertEquals(12366, collected.logprobs().get(0).id());
    assertEquals("b6000-abcdef0", collected.metadata().extras().get("system_fingerprint"));
  }

  @Test
  void logprobsNobodyAskedForAreNotReported() {
    server.enqueue(json(read("completions", "llamacpp.json")));
    server.enqueue(sse(read("completions", "stream-llamacpp.sse")));

    Completion whole = compatible.complete(CompletionRequest.of("The capital of France is"));
    Completion streamed;
    try (CompletionStream stream = compatible.completeStreaming(CompletionRequest.of("The capital of France is"))) {
      streamed = stream.collect();
    }

    assertNull(whole.logprobs());
    assertNull(streamed.logprobs());
    assertEquals(" Paris", streamed.text());
  }

  static TokenLogprob token(String token, double logprob, TokenCandidate... top) {
    return new TokenLogprob(token, null, null, logprob, List.of(top));
  }

  static TokenCandidate candidate(String token, double logprob) {
    return new TokenCandidate(token, null, null, logprob);
  }
}
