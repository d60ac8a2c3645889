package dev.nexttoken.openai;

import static dev.nexttoken.openai.CompletionsTest.candidate;
import static dev.nexttoken.openai.CompletionsTest.token;
import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.ScoringCapabilities;
import dev.nexttoken.Usage;
import dev.nexttoken.error.NotFoundException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scoring a given text through the legacy {@code /v1/completions} with {@code echo}, {@code max_tokens: 0}
 * and {@code logprobs} (wire-formats §1.2): the exact request, the null first logprob, the seam rule.
 */
class ScoringTest {
  private static final String PROMPT = "The capital of France is";

  private final MockWebServer server = new MockWebServer();
  private OpenAiModel model;

  @BeforeEach
  void start() throws Exception {
    server.start();
    model = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).apiKey("sk-test-key")
        .dialect(OpenAiDialect.OPENAI).model("davinci-002").maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    model.close();
    server.close();
  }

  @Test
  void scoresTheTextAfterThePromptFromTheEchoedInput() {
    server.enqueue(json(read("completions", "score.json")));

    ScoredText scored = model.score(ScoreRequest.of(PROMPT, " Paris").withTopLogprobs(2));

    assertBody(read("completions", "request-score.json"), take(server));
    assertEquals(List.of(token(" Paris", -1.21, candidate(" Paris", -1.21), candidate(" a", -2.05))), scored.tokens());
    assertEquals(-1.21, scored.totalLogprob(), 1e-12);
    assertEquals(Math.exp(1.21), scored.perplexity(), 1e-12);
    assertEquals(1, scored.table(null).row(0).rank());
    assertEquals("davinci-002", scored.model());
    assertEquals(new Usage(6, 0, 6), scored.usage());
    assertEquals("cmpl-9s", scored.metadata().responseId());
  }

  @Test
  void theFirstTokenOfAWholeTextIsUnknownNotZero() {
    server.enqueue(json(read("completions", "score.json")));

    ScoredText scored = model.score(ScoreRequest.of(PROMPT + " Paris").withTopLogprobs(2));

    assertBody(read("completions", "request-score.json"), take(server));
    List<TokenLogprob> tokens = scored.tokens();
    assertEquals(6, tokens.size());
    assertEquals("The", tokens.get(0).token());
    assertNull(tokens.get(0).logprob(), "OpenAI scores the first token with null");
    assertEquals(List.of(), tokens.get(0).topLogprobs());
    assertEquals(token(" capital", -9.12, candidate(" first", -3.2), candidate(" following", -3.9)), tokens.get(1),
        "the scored token outside the top 2 keeps its own logprob and is not listed");
    assertEquals(5, scored.stats().knownLogprobs());
    double total = -9.12 - 0.52 - 0.41 - 0.93 - 1.21;
    assertEquals(total, scored.totalLogprob(), 1e-12);
    assertEquals(total / 5, scored.meanLogprob(), 1e-12);
    assertEquals(Math.exp(-total / 5), scored.perplexity(), 1e-12);
    assertNull(scored.table(null).row(1).rank(), "outside the listed alternatives");
  }

  @Test
  void aTokenStraddlingTheSeamBelongsToTheText() {
    server.enqueue(json(read("completions", "score.json")));

    // " Paris" starts in the prompt (at "Par") and ends in the text ("is"): it is the text's.
    ScoredText scored = model.score(ScoreRequest.of("The capital of France is Par", "is").withTopLogprobs(2));

    assertEquals(List.of(" Paris"), scored.tokens().stream().map(TokenLogprob::token).toList());
  }

  @Test
  void withoutOffsetsTheTokensOwnLengthsPlaceTheSeam() {
    String body = read("completions", "score.json").replace(",\n   \"text_offset\":[0,3,11,14,21,24]", "");
    assertFalse(body.contains("text_offset"));
    server.enqueue(json(body));

    ScoredText scored = model.score(ScoreRequest.of("The capital of", " France is Paris"));

    assertEquals(List.of(" France", " is", " Paris"), scored.tokens().stream().map(TokenLogprob::token).toList());
    assertEquals(List.of(), scored.tokens().get(0).topLogprobs(), "alternatives were not asked for");
  }

  @Test
  void chatModelsCannotScore() {
    ScoringCapabilities scoring = model.capabilities().scoring();
    assertTrue(scoring.supported());
    assertFalse(scoring.chatModels());
    assertTrue(scoring.note().contains("chat models cannot score"), scoring.note());
    assertFalse(model.capabilities().chat().promptLogprobs());

    // OpenAI itself: the model's capabilities refuse before sending.
    UnsupportedCapabilityException refused = assertThrows(UnsupportedCapabilityException.class,
        () -> model.score(ScoreRequest.of("Paris").withModel("gpt-4o-mini")));
    assertTrue(refused.getMessage().contains("gpt-4o-mini is a chat model"), refused.getMessage());
    assertEquals(0, server.getRequestCount());

    // A gateway names its models as it likes, so the request goes out and the server's 404 is typed.
    try (OpenAiModel gateway = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).apiKey("sk-test-key")
        .dialect(OpenAiDialect.COMPATIBLE).model("davinci-002").maxRetries(0).build()) {
      server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
          .body(read("completions", "error-chat-model.json")).build());
      NotFoundException e = assertThrows(NotFoundException.class, () -> gateway.score(ScoreRequest.of("Paris").withModel("gpt-4o-mini")));
      assertTrue(e.getMessage().contains("This is a chat model"), e.getMessage());
    }
  }

  @Test
  void moreThanFiveAlternativesFailBeforeSending() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.score(ScoreRequest.of(PROMPT, " Paris").withTopLogprobs(6)));

    assertEquals("topLogprobs must be at most 5 for openai scoring, was 6", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aServerThatIgnoresEchoCannotScore() {
    // llama.cpp's /v1/completions answers in chat-style entries for generated tokens only.
    server.enqueue(json(read("completions", "llamacpp.json")));

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.score(ScoreRequest.of(PROMPT, " Paris")));

    assertTrue(e.getMessage().contains("returned no logprobs for the echoed input"), e.getMessage());
  }
}
