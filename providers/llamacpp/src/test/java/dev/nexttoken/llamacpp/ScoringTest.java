package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.ScoringCapabilities;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scoring on llama-server, against responses recorded from a real server ({@code fixtures/llamacpp/score}):
 * the exact requests (tokenize once, then one forced one-token completion per scored token, each prompt the
 * previous one plus one token so the server's cache serves it), the seam rule, and the fallbacks.
 */
class ScoringTest {
  private static final String BOS_TOKENIZE = "{\"content\":\"\",\"with_pieces\":false,\"add_special\":true,\"parse_special\":false}";

  private MockWebServer server;
  private LlamaCppModel model;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    // The recorded whole-distribution step is cut to 8 entries: as if the vocabulary had 8 tokens.
    model = Fixtures.model(server).vocabularySize(8).build();
  }

  @AfterEach
  void stop() {
    model.close();
    server.close();
  }

  @Test
  void scoresTheContinuationWithOneForcedStepPerToken() throws Exception {
    server.enqueue(Fixtures.json("score/bos"));
    server.enqueue(Fixtures.json("score/pieces"));
    server.enqueue(Fixtures.json("score/step-biases"));
    server.enqueue(Fixtures.json("score/step-space"));
    server.enqueue(Fixtures.json("score/step-whole-distribution"));
    server.enqueue(Fixtures.json("score/step-continuation-byte"));

    // "Bias" + "es" make one token, " Biases": it straddles the seam, so it is scored.
    ScoredText scored = model.score(ScoreRequest.of("Weights and Bias", "es é").withTopLogprobs(2));

    Fixtures.assertBody(BOS_TOKENIZE, take("/tokenize"));
    Fixtures.assertBody("{\"content\":\"Weights and Biases é\",\"with_pieces\":true,\"add_special\":false,\"parse_special\":false}",
        take("/tokenize"));
    Fixtures.assertBody(step("1,259,260", 261, 2), take("/completion"));
    Fixtures.assertBody(step("1,259,260,261", 328, 2), take("/completion"));
    // 0xC3 starts a two-byte character: the server would send no entry for it, so it is read from the
    // whole distribution, generated with <s> forced in its place.
    Fixtures.assertBody(step("1,259,260,261,328", 1, 8), take("/completion"));
    Fixtures.assertBody(step("1,259,260,261,328,198", 172, 2), take("/completion"));
    assertEquals(6, server.getRequestCount(), "no re-tokenizing, one step per scored token");

    assertEquals(List.of(261, 328, 198, 172), scored.tokens().stream().map(TokenLogprob::id).toList());
    TokenLogprob biases = scored.tokens().get(0);
    assertEquals(" Biases", biases.token());
    assertEquals(-1.1356902122497559, biases.logprob());
    TokenLogprob lead = scored.tokens().get(2);
    assertEquals("", lead.token());
    assertArrayEquals(new byte[] {(byte) 0xC3}, lead.bytes());
    assertEquals(-20.723264694213867, lead.logprob());
    assertEquals(List.of(269, 2), lead.topLogprobs().stream().map(TokenCandidate::id).toList(), "the top 2 of the whole list");
    for (TokenLogprob t : scored.tokens()) {
      assertEquals(2, t.topLogprobs().size(), t::toString);
    }
    double total = scored.tokens().stream().mapToDouble(TokenLogprob::logprob).sum();
    assertEquals(total, scored.totalLogprob(), 1e-12);
    assertEquals(Math.exp(-total / 4), scored.perplexity(), 1e-9);
    assertEquals(7, scored.usage().promptTokens(), "<s> and the six tokens read");
    assertEquals("known-answer.gguf", scored.model());
  }

  @Test
  void withoutABeginningOfSequenceTokenTheFirstTokenIsUnknown() throws Exception {
    server.enqueue(json("{\"tokens\":[]}"));
    server.enqueue(json("{\"tokens\":[{\"id\":259,\"piece\":\" Weights\"},{\"id\":260,\"piece\":\" and\"}]}"));
    server.enqueue(Fixtures.json("score/step-and"));

    ScoredText scored = model.score("Weights and");

    take("/tokenize");
    take("/tokenize");
    Fixtures.assertBody(step("259", 260, 1), take("/completion"));
    TokenLogprob first = scored.tokens().get(0);
    assertEquals(" Weights", first.token());
    assertEquals(259, first.id());
    assertNull(first.logprob(), "no context to score it in: unknown, not 0");
    assertEquals(List.of(), scored.tokens().get(1).topLogprobs(), "alternatives were not asked for");
    assertEquals(1, scored.stats().knownLogprobs());
    assertEquals(scored.tokens().get(1).logprob(), scored.totalLogprob());
  }

  @Test
  void aServerThatIgnoresTheBiasIsReportedNotBelieved() {
    server.enqueue(Fixtures.json("score/bos"));
    server.enqueue(json("{\"tokens\":[{\"id\":259,\"piece\":\" Weights\"}]}"));
    // The greedy token (" and" after " Weights") instead of the forced one.
    server.enqueue(Fixtures.json("score/step-and"));

    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> model.score("Weights"));

    assertEquals("llamacpp: a scoring step generated token 260 although token 259 was forced with logit_bias; "
        + "the server did not apply the bias", e.getMessage());
  }

  @Test
  void capabilitiesOfferScoringWithEveryAlternative() {
    ScoringCapabilities scoring = model.capabilities().scoring();

    assertTrue(scoring.supported());
    assertTrue(scoring.tokenIds() && scoring.tokenBytes() && scoring.chatModels());
    assertEquals(Integer.MAX_VALUE, scoring.maxTopLogprobs());
  }

  private static String step(String prompt, int forced, int nProbs) {
    return "{\"prompt\":[" + prompt + "],\"n_predict\":1,\"n_probs\":" + nProbs + ",\"logit_bias\":[[" + forced
        + ",1000000.0]],\"temperature\":0.0,\"cache_prompt\":true}";
  }

  private RecordedRequest take(String path) throws InterruptedException {
    RecordedRequest request = server.takeRequest();
    assertEquals(path, request.getUrl().encodedPath());
    assertEquals("POST", request.getMethod());
    return request;
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body).build();
  }
}
