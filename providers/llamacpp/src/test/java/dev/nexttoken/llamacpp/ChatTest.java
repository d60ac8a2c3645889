package dev.nexttoken.llamacpp;

import static dev.nexttoken.llamacpp.Fixtures.assertBody;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/chat/completions}: what is sent, and how responses and stream chunks are read. */
class ChatTest extends MockServerTest {
  private static ChatRequest known(int topLogprobs) {
    return ChatRequest.builder().user("Weights and Biases is").maxTokens(2).temperature(0.0).topLogprobs(topLogprobs).build();
  }

  @Test
  void sendsExactlyTheDocumentedFields() throws Exception {
    server.enqueue(Fixtures.json("chat/known"));

    model.chat(ChatRequest.builder().message(dev.nexttoken.Message.developer("Be brief.")).user("Weights and Biases is")
        .model("any-name").maxTokens(2).temperature(0.0).topK(5).topP(0.5).seed(3L).stop(".").topLogprobs(2).build());

    RecordedRequest request = server.takeRequest();
    assertEquals("/v1/chat/completions", request.getUrl().encodedPath());
    assertBody("""
        {"model":"any-name","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Weights and Biases is"}],
         "max_tokens":2,"temperature":0.0,"top_k":5,"top_p":0.5,"seed":3,"stop":["."],
         "logprobs":true,"top_logprobs":2,"post_sampling_probs":false,"stream":false,"cache_prompt":true}""", request);
  }

  @Test
  void streamAsksForTheUsageChunk() throws Exception {
    server.enqueue(Fixtures.sse("chat/known"));

    try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Weights and Biases is"))) {
      stream.collect();
    }

    assertBody("""
        {"messages":[{"role":"user","content":"Weights and Biases is"}],"stream":true,"stream_options":{"include_usage":true},
         "cache_prompt":true}""", server.takeRequest());
  }

  @Test
  void readsTextLogprobsWithIdsAndUsage() {
    server.enqueue(Fixtures.json("chat/known"));

    Completion c = model.chat(known(2));

    assertEquals(" the machine", c.text());
    assertEquals(FinishReason.of(FinishReason.Kind.LENGTH, "length"), c.finishReason());
    assertEquals(new Usage(5, 2, 7, 0, null), c.usage(), "prompt_tokens_details.cached_tokens 0");
    assertEquals("chatcmpl-VZ78ArOlyVzvNi1NXTv8d9JJOh17sgck", c.metadata().responseId());
    assertEquals(Map.of("system_fingerprint", "b11669-Debian"), c.metadata().extras());
    TokenLogprob machine = c.logprobs().get(1);
    assertEquals(264, machine.id());
    assertArrayEquals(" machine".getBytes(StandardCharsets.UTF_8), machine.bytes());
    assertEquals(-1.401183843612671, machine.logprob());
    assertEquals(List.of(264, 283), machine.topLogprobs().stream().map(TokenCandidate::id).toList());
  }

  @Test
  void chosenTokenOnlyAsksForOneAndDropsIt() throws Exception {
    server.enqueue(Fixtures.json("chat/known"));

    Completion c = model.chat(known(0));

    var body = Fixtures.tree(server.takeRequest().getBody().utf8());
    assertEquals(true, body.get("logprobs").booleanValue());
    assertEquals(1, body.get("top_logprobs").intValue(), "top_logprobs 0 would return nothing at all");
    assertEquals(List.of(List.of(), List.of()), c.logprobs().stream().map(TokenLogprob::topLogprobs).toList());
  }

  @Test
  void streamOfRoleTokenFinishAndUsageChunksCollectsToTheResponse() {
    server.enqueue(Fixtures.json("chat/hello"));
    server.enqueue(Fixtures.sse("chat/hello"));

    Completion whole = model.chat(ChatRequest.builder().user("Say hello").topLogprobs(2).build());
    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(ChatRequest.builder().user("Say hello").topLogprobs(2).build())) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    assertEquals(whole, collected);
    assertEquals(5, chunks.size(), "role, two tokens, finish, usage; [DONE] ends the stream");
    assertEquals(new Usage(4, 2, 6, 0, null), chunks.get(4).usage(), "no details: timings.cache_n 0 beside the usage");
    assertEquals("length", chunks.get(3).finishReason().raw());
  }

  @Test
  void realStreamCaptureMatchesRealResponseCapture() {
    server.enqueue(Fixtures.json("chat/known"));
    server.enqueue(Fixtures.sse("chat/known"));

    Completion whole = model.chat(known(2));
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(known(2))) {
      collected = stream.collect();
    }

    assertEquals(whole.text(), collected.text());
    assertEquals(whole.logprobs(), collected.logprobs());
    assertEquals(whole.usage(), collected.usage());
    assertEquals(whole.finishReason(), collected.finishReason());
  }

  @Test
  void withoutLogprobsNoneAreReported() {
    server.enqueue(Fixtures.json("chat/known"));

    assertNull(model.chat(ChatRequest.of("Weights and Biases is")).logprobs());
  }

  @Test
  void postSamplingProbabilitiesBecomeLogprobs() throws Exception {
    try (LlamaCppModel post = Fixtures.model(server).postSamplingProbs(true).build()) {
      server.enqueue(Fixtures.json("chat/post-sampling"));

      Completion c = post.chat(ChatRequest.builder().user("Say hello").temperature(0.0).topLogprobs(1).build());

      assertEquals(true, Fixtures.tree(server.takeRequest().getBody().utf8()).get("post_sampling_probs").booleanValue());
      assertEquals(0.0, c.logprobs().get(0).logprob(), "prob 1 at temperature 0");
      assertEquals(0.0, c.logprobs().get(0).topLogprobs().get(0).logprob());
    }
  }
}
