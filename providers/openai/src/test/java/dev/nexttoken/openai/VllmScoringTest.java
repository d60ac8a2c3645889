package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static dev.nexttoken.openai.OpenAiFixtures.vllm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.ScoringCapabilities;
import dev.nexttoken.Usage;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TableRow;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scoring on a vLLM server through {@code prompt_logprobs} with {@code echo} (wire-formats-2 §4.2):
 * each position keyed by token id, the prompt's own token first with its true rank, then the top k;
 * only the text after the prompt scored, a token straddling the seam counted as the text's.
 */
class VllmScoringTest {
  private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";
  private static final String PROMPT = "The capital of France is";
  private static final String TEXT = " Paris, a city";

  private final MockWebServer server = new MockWebServer();
  private OpenAiModel model;

  @BeforeEach
  void start() throws Exception {
    server.start();
    model = OpenAiModel.vllm().baseUrl(server.url("/v1").toString()).model(MODEL).maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    model.close();
    server.close();
  }

  @Test
  void scoresOnlyTheTextAfterThePromptWithIdsRanksAndTheTopK() {
    server.enqueue(json(vllm("completions", "score.json")));

    ScoredText scored = model.score(new ScoreRequest(PROMPT, TEXT, 2, null));

    assertBody(vllm("completions", "request-score.json"), take(server));
    assertEquals(List.of(
        token(" Paris", 12366, -0.3, 1, candidate(" Paris", 12366, -0.3), candidate(" a", 264, -2.9)),
        // rank 9: the entry has k + 1 keys, the scored token first; its alternatives are ranks 1 and 2
        token(",", 11, -3.9, 9, candidate(".", 13, -0.6), candidate(" and", 323, -1.4)),
        // listed first though rank 2: the scored token is the first key, not the rank-1 entry
        token(" a", 264, -1.7, 2, candidate(" the", 279, -1.0), candidate(" a", 264, -1.7)),
        // rank 4, missing from the top 2
        token(" city", 3363, -2.8, 4, candidate(" capital", 6864, -0.9), candidate(" country", 3544, -1.5))),
        scored.tokens());
    assertEquals(List.of(1, 9, 2, 4), scored.tokens().stream().map(TokenLogprob::rank).toList(), "vLLM's ranks in the whole vocabulary");
    assertEquals(-0.3 - 3.9 - 1.7 - 2.8, scored.totalLogprob(), 1e-12);
    ProbabilityTable table = scored.table(null);
    assertEquals(1, table.row(0).rank());
    assertNull(table.row(1).rank(), "rank 9 is outside the two listed alternatives");
    assertEquals(9, table.row(1).reportedRank());
    assertEquals(9, table.row(1).knownRank());
    assertEquals(2, table.row(2).rank());
    assertNull(table.row(3).rank(), "rank 4 is outside the two listed alternatives");
    assertEquals(4, table.row(3).reportedRank());
    assertEquals(4, table.row(3).knownRank());
    assertEquals(MODEL, scored.model());
    assertEquals(new Usage(10, 1, 11), scored.usage());
    assertEquals("cmpl-v7a", scored.metadata().responseId());
  }

  @Test
  void aTokenStraddlingTheSeamIsTheTexts() {
    server.enqueue(json(vllm("completions", "score.json")));

    ScoredText scored = model.score(new ScoreRequest(PROMPT + " P", "aris, a city", 2, null));

    assertBody(vllm("completions", "request-score.json"), take(server));
    assertEquals(List.of(" Paris", ",", " a", " city"), scored.tokens().stream().map(TokenLogprob::token).toList());
  }

  @Test
  void aWholeTextLeavesOutTheBeginningOfSequenceTokenAndScoresTheFirstWord() {
    server.enqueue(json(vllm("completions", "score.json")));

    ScoredText scored = model.score(new ScoreRequest("", PROMPT + TEXT, 2, null));

    assertBody(vllm("completions", "request-score.json"), take(server));
    assertEquals(9, scored.tokens().size());
    assertEquals(token("The", 791, -2.1, 3, candidate("I", 40, -1.3), candidate("A", 32, -1.9)), scored.tokens().get(0));
    assertEquals(9, scored.stats().knownLogprobs());
  }

  @Test
  void withoutAlternativesOnlyTheScoredTokensAreReported() {
    server.enqueue(json(vllm("completions", "score.json")));

    ScoredText scored = model.score(ScoreRequest.of(PROMPT, TEXT));

    assertEquals(0, OpenAiFixtures.sent(take(server)).get("prompt_logprobs").asInt());
    for (TokenLogprob token : scored.tokens()) {
      assertEquals(List.of(), token.topLogprobs(), token::toString);
    }
    assertEquals(List.of(1, 9, 2, 4), scored.tokens().stream().map(TokenLogprob::rank).toList(), "ranks are reported without alternatives too");
    assertEquals(List.of(1, 9, 2, 4), scored.table(null).rows().stream().map(TableRow::knownRank).toList());
    assertEquals(-0.3 - 3.9 - 1.7 - 2.8, scored.totalLogprob(), 1e-12);
  }

  @Test
  void withoutABeginningOfSequenceTokenTheFirstTokenIsReadFromTheInputWithUnknownLogprob() {
    server.enqueue(json(vllm("completions", "score-no-bos.json")));

    ScoredText scored = model.score(ScoreRequest.of("Hello world"));

    take(server);
    assertEquals(2, scored.tokens().size());
    assertEquals(new TokenLogprob("Hello", null, null, null, List.of()), scored.tokens().get(0), "read from the input: no rank");
    // -9999 is vLLM's stand-in for probability 0
    assertEquals(Double.NEGATIVE_INFINITY, scored.tokens().get(1).logprob());
    assertEquals(1879, scored.tokens().get(1).id());
    assertEquals(151643, scored.tokens().get(1).rank());
    assertEquals(1, scored.stats().knownLogprobs());
  }

  @Test
  void aPromptAloneIsNotScored() {
    server.enqueue(json(vllm("completions", "score-no-bos.json")));

    ScoredText scored = model.score(ScoreRequest.of("Hello", " world"));

    take(server);
    assertEquals(List.of(" world"), scored.tokens().stream().map(TokenLogprob::token).toList());
  }

  @Test
  void anAnswerWithoutPromptLogprobsIsMalformedNotEmpty() {
    server.enqueue(json(vllm("completions", "extras.json")));

    MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> model.score(ScoreRequest.of("Hi", " there")));

    assertTrue(e.getMessage().contains("prompt_logprobs"), e.getMessage());
    assertEquals("vllm", e.provider());
  }

  @Test
  void anyModelCanScoreAndScoredTokensCarryIds() {
    ScoringCapabilities scoring = model.capabilities("Qwen/Qwen2.5-0.5B-Instruct").scoring();

    assertTrue(scoring.supported());
    assertTrue(scoring.chatModels());
    assertTrue(scoring.tokenIds());
    assertEquals("vllm", model.capabilities().provider());
    assertEquals("vllm", model.provider());
  }

  static TokenLogprob token(String token, int id, double logprob, int rank, TokenCandidate... top) {
    return new TokenLogprob(token, null, id, logprob, List.of(top), rank);
  }

  static TokenCandidate candidate(String token, int id, double logprob) {
    return new TokenCandidate(token, null, id, logprob);
  }
}
