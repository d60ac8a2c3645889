package dev.nexttoken.llamacpp;

import static dev.nexttoken.llamacpp.Fixtures.assertBody;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
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

/** Native {@code POST /completion}: what is sent, and how responses and stream events are read. */
class NativeCompletionTest extends MockServerTest {
  private static CompletionRequest known(int topLogprobs) {
    return CompletionRequest.builder("Weights and Biases is").maxTokens(3).temperature(0.0).topLogprobs(topLogprobs).build();
  }

  @Test
  void sendsExactlyTheDocumentedFields() throws Exception {
    server.enqueue(Fixtures.json("completion/known"));

    model.complete(CompletionRequest.builder("Weights and Biases is").maxTokens(3).temperature(0.5).topK(40).topP(0.9)
        .seed(7L).stop("\n").topLogprobs(2).build());

    RecordedRequest request = server.takeRequest();
    assertEquals("/completion", request.getUrl().encodedPath());
    assertBody("""
        {"prompt":"Weights and Biases is","n_predict":3,"temperature":0.5,"top_k":40,"top_p":0.9,"seed":7,"stop":["\\n"],
         "n_probs":2,"post_sampling_probs":false,"stream":false,"cache_prompt":true}""", request);
  }

  @Test
  void withoutLogprobsNoProbabilitiesAreAskedForAndNoneReported() throws Exception {
    server.enqueue(Fixtures.json("completion/known"));

    Completion c = model.complete(CompletionRequest.of("Weights and Biases is"));

    assertBody("""
        {"prompt":"Weights and Biases is","stream":false,"cache_prompt":true}""", server.takeRequest());
    assertNull(c.logprobs(), "not requested, so null even though the fixture carries some");
  }

  @Test
  void readsTextTokensIdsBytesAndAlternatives() {
    server.enqueue(Fixtures.json("completion/known"));

    Completion c = model.complete(known(2));

    assertEquals(" the machine learning", c.text());
    assertEquals(FinishReason.of(FinishReason.Kind.LENGTH, "limit"), c.finishReason());
    assertEquals(new Usage(5, 3, 8, 0, null), c.usage(), "timings.cache_n 0: nothing came from the cache");
    assertEquals("known-answer.gguf", c.model());
    assertEquals(3, c.logprobs().size());
    TokenLogprob the = c.logprobs().get(0);
    assertEquals(" the", the.token());
    assertEquals(263, the.id());
    assertArrayEquals(" the".getBytes(StandardCharsets.UTF_8), the.bytes());
    assertEquals(-1.2813018560409546, the.logprob());
    assertEquals(List.of(
        new TokenCandidate(" the", " the".getBytes(StandardCharsets.UTF_8), 263, -1.2813018560409546),
        new TokenCandidate(".", new byte[] {46}, 269, -1.9507280588150024)), the.topLogprobs());
    assertEquals(List.of(" the", " machine", " learning"), c.logprobs().stream().map(TokenLogprob::token).toList());
    assertEquals(List.of(263, 264, 265), c.logprobs().stream().map(TokenLogprob::id).toList());
  }

  @Test
  void chosenTokenOnlyAsksForOneAndDropsIt() throws Exception {
    server.enqueue(Fixtures.json("completion/known"));

    Completion c = model.complete(known(0));

    // n_probs 0 makes the server compute nothing, so one alternative is asked for and not reported.
    assertEquals(1, Fixtures.tree(server.takeRequest().getBody().utf8()).get("n_probs").intValue());
    assertEquals(3, c.logprobs().size());
    for (TokenLogprob t : c.logprobs()) {
      assertEquals(List.of(), t.topLogprobs(), () -> "alternatives were not asked for: " + t);
      assertTrue(t.logprob() < 0);
    }
  }

  @Test
  void streamHasNoDoneAndItsCollectionEqualsTheResponse() {
    server.enqueue(Fixtures.json("completion/known"));
    server.enqueue(Fixtures.sse("completion/known"));

    Completion whole = model.complete(known(2));
    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = model.completeStreaming(known(2))) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    assertEquals(whole, collected);
    assertEquals(4, chunks.size(), "three partial events and the final summary");
    for (int i = 0; i < 3; i++) {
      assertEquals(1, chunks.get(i).logprobs().size(), "one probability entry per partial event");
      assertNull(chunks.get(i).finishReason());
    }
    Chunk last = chunks.get(3);
    assertNull(last.logprobs(), "the final event carries no logprobs (was an empty list)");
    assertEquals("limit", last.finishReason().raw());
    assertEquals(new Usage(5, 3, 8, 0, null), last.usage());
  }

  @Test
  void streamRequestSaysStream() throws Exception {
    server.enqueue(Fixtures.sse("completion/known"));

    try (CompletionStream stream = model.completeStreaming(known(2))) {
      stream.collect();
    }

    RecordedRequest request = server.takeRequest();
    assertEquals("text/event-stream", request.getHeaders().get("Accept"));
    assertBody("""
        {"prompt":"Weights and Biases is","n_predict":3,"temperature":0.0,"n_probs":2,"post_sampling_probs":false,
         "stream":true,"cache_prompt":true}""", request);
  }

  @Test
  void endOfSequenceEntryIsKeptAsReported() {
    server.enqueue(Fixtures.json("completion/eos"));

    Completion c = model.complete(known(2));

    assertEquals(" developers.", c.text());
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "eos"), c.finishReason());
    TokenLogprob eos = c.logprobs().get(c.logprobs().size() - 1);
    assertEquals("", eos.token());
    assertEquals(2, eos.id());
    assertArrayEquals(new byte[0], eos.bytes());
    assertEquals(-0.2276504784822464, eos.logprob());
  }

  @Test
  void floatLowestBecomesNegativeInfinity() {
    server.enqueue(Fixtures.json("completion/float-lowest"));

    Completion c = model.complete(known(2));

    for (TokenLogprob t : c.logprobs()) {
      assertEquals(Double.NEGATIVE_INFINITY, t.topLogprobs().get(1).logprob(), t::toString);
      assertEquals(0.0, t.topLogprobs().get(1).probability());
    }
  }

  @Test
  void partialUtf8PieceKeepsEmptyTextAndRawBytes() {
    server.enqueue(Fixtures.json("completion/partial-utf8"));

    Completion c = model.complete(known(1));

    assertEquals("é", c.text());
    assertEquals("", c.logprobs().get(0).token());
    assertArrayEquals(new byte[] {(byte) 0xC3}, c.logprobs().get(0).bytes());
    assertArrayEquals(new byte[] {(byte) 0xA9}, c.logprobs().get(1).bytes());
    byte[] joined = {c.logprobs().get(0).bytes()[0], c.logprobs().get(1).bytes()[0]};
    assertEquals("é", new String(joined, StandardCharsets.UTF_8), "the bytes rebuild the text");
  }

  @Test
  void stopWordIsAStopWithTheWordKept() {
    server.enqueue(Fixtures.json("completion/stop-word"));

    Completion c = model.complete(CompletionRequest.builder("Weights and Biases is").stop(" learning").topLogprobs(0).build());

    assertEquals(" the machine", c.text());
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "word"), c.finishReason());
    assertEquals(Map.of("stopping_word", " learning"), c.metadata().extras());
    // This server build drops one entry too many with a stop word (" machine" here); reported as sent.
    assertEquals(List.of(" the"), c.logprobs().stream().map(TokenLogprob::token).toList());
  }

  @Test
  void postSamplingProbabilitiesAreAskedForAndNormalisedToLogprobs() throws Exception {
    try (LlamaCppModel post = Fixtures.model(server).postSamplingProbs(true).build()) {
      server.enqueue(Fixtures.json("completion/post-sampling"));

      Completion c = post.complete(CompletionRequest.builder("Weights and Biases is").maxTokens(2).topLogprobs(3).build());

      assertEquals(true, Fixtures.tree(server.takeRequest().getBody().utf8()).get("post_sampling_probs").booleanValue());
      TokenLogprob large = c.logprobs().get(1);
      assertEquals(" large", large.token());
      assertEquals(Math.log(0.0039660814218223095), large.logprob(), 1e-15, "the chosen token's own prob, outside the top 3");
      assertEquals(List.of(" machine", " next", " logarithm"), large.topLogprobs().stream().map(TokenCandidate::token).toList());
      assertEquals(Math.log(0.24630504846572876), large.topLogprobs().get(0).logprob(), 1e-15);
      assertTrue(post.capabilities().completion().note().contains("after the sampler chain"));
    }
  }
}
