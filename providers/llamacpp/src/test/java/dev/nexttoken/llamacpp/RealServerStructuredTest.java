package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.LogitBias;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.testkit.JsonCorpus;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.JsonModel;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Native {@code /completion} with a JSON schema and a logit bias against a real llama-server: the JSON model's
 * answers validate, each field's confidence is the model's own probability of its value, and a bias changes the
 * greedy answer exactly as the model predicts. Reported logprobs are the model's before the grammar and the bias
 * (the server's default), which is what the expectations are derived from.
 */
@ExtendWith(LlamaServerExtension.class)
class RealServerStructuredTest {
  private static final int MAX_TOKENS = 30;
  private static final ResponseFormat CITY = ResponseFormat.jsonSchema("city", JsonCorpus.CITY_SCHEMA);

  private final KnownAnswerModel json;
  private final KnownAnswerModel truth;
  private final LlamaCppModel jsonModel;
  private final LlamaCppModel model;

  RealServerStructuredTest(@JsonModel LlamaServer jsonServer, @JsonModel KnownAnswerModel json, LlamaServer server,
      KnownAnswerModel truth) {
    this.json = json;
    this.truth = truth;
    // No prompt cache: a stream and a blocking call of the same prompt then report the same usage too.
    this.jsonModel = LlamaCppModel.builder().baseUrl(jsonServer.baseUrl()).cachePrompt(false).build();
    this.model = LlamaCppModel.builder().baseUrl(server.baseUrl()).build();
  }

  @AfterEach
  void close() {
    jsonModel.close();
    model.close();
  }

  private static CompletionRequest.Builder city() {
    return CompletionRequest.builder(JsonCorpus.CITY_PROMPT).maxTokens(MAX_TOKENS).temperature(0.0).topLogprobs(1);
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void aSchemaAnswerValidatesAndEachFieldHasTheModelsProbability(boolean stream) {
    CompletionRequest request = city().responseFormat(CITY).build();
    Completion c;
    if (stream) {
      try (CompletionStream s = jsonModel.completeStreaming(request)) {
        c = s.collect();
      }
    } else {
      c = jsonModel.complete(request);
    }

    assertEquals(Map.of("city", "Oslo", "country", "Norway", "population", 709000, "capital", true), c.validatedJson(CITY));
    JsonKnownAnswers.assertAnswer(json.greedyWalk(JsonCorpus.CITY_PROMPT, MAX_TOKENS), c);
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "eos"), c.finishReason(), "the object closes, then </s>");
  }

  @Test
  void aStreamedSchemaAnswerCollectsToTheBlockingOne() {
    CompletionRequest request = city().responseFormat(CITY).build();
    Completion whole = jsonModel.complete(request);
    Completion collected;
    try (CompletionStream s = jsonModel.completeStreaming(request)) {
      collected = s.collect();
    }

    assertEquals(whole, collected);
    assertEquals(whole.fieldConfidences(), collected.fieldConfidences());
  }

  @Test
  void aSchemaThatRulesOutTheGreedyCityGivesTheRunnerUpWithItsUnconstrainedProbability() {
    // The grammar takes Oslo away, as a ban would; Bergen is reported with the model's probability, not the
    // renormalised one the grammar sampled from (2/3 of what Bergen and Paris share).
    ResponseFormat notOslo = ResponseFormat.jsonSchema("city",
        JsonCorpus.CITY_SCHEMA.replace("\"city\":{\"type\":\"string\"}", "\"city\":{\"enum\":[\"Bergen\",\"Paris\"]}"));
    Completion c = jsonModel.complete(city().responseFormat(notOslo).build());

    assertEquals("Bergen", ((Map<?, ?>) c.validatedJson(notOslo)).get("city"));
    JsonKnownAnswers.assertAnswer(json.greedyWalk(JsonCorpus.CITY_PROMPT, MAX_TOKENS, Map.of(json.tokenId("Oslo"), -100.0)), c);
  }

  @Test
  void jsonObjectGivesTheModelsObject() {
    Completion c = jsonModel.complete(city().responseFormat(ResponseFormat.JSON_OBJECT).build());

    assertTrue(c.json() instanceof Map<?, ?>, c::text);
    JsonKnownAnswers.assertAnswer(json.greedyWalk(JsonCorpus.CITY_PROMPT, MAX_TOKENS), c);
  }

  @Test
  void aBiasByIdAgainstTheGreedyCityGivesTheModelsRunnerUp() {
    int oslo = json.tokenId("Oslo");
    Completion c = jsonModel.complete(city().responseFormat(CITY).logitBias(LogitBias.ofTokenIds(Map.of(oslo, -100.0)))
        .build());

    assertEquals("Bergen", ((Map<?, ?>) c.validatedJson(CITY)).get("city"));
    // The bias moves the choice, not the reported probability: Bergen's confidence is the model's.
    JsonKnownAnswers.assertAnswer(json.greedyWalk(JsonCorpus.CITY_PROMPT, MAX_TOKENS, Map.of(oslo, -100.0)), c);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"by id", "by text"})
  void aBiasAgainstTheGreedyWordChangesTheAnswerAsTheModelPredicts(String how) {
    int the = truth.tokenId(" the");
    // The server tokenizes a bias string as a text of its own: this model's tokenizer puts a space in front,
    // so "the" is the token " the".
    LogitBias bias = how.equals("by id") ? LogitBias.ofTokenIds(Map.of(the, -100.0)) : new LogitBias(null, Map.of("the", -100.0));
    Completion c = model.complete(CompletionRequest.builder(KnownAnswers.PROMPT).maxTokens(KnownAnswers.MAX_TOKENS)
        .temperature(0.0).topLogprobs(0).logitBias(bias).build());

    List<KnownAnswerModel.Candidate> walk = truth.greedyWalk(KnownAnswers.PROMPT, KnownAnswers.MAX_TOKENS, Map.of(the, -100.0));
    assertEquals(JsonKnownAnswers.text(walk), c.text());
    assertEquals(walk.stream().map(KnownAnswerModel.Candidate::id).toList(), c.logprobs().stream().map(TokenLogprob::id).toList());
    assertEquals(truth.topK(truth.tokenId(" is"), 2).get(1).id(), c.logprobs().get(0).id(), "the runner-up after \" is\"");
    for (int i = 0; i < walk.size(); i++) {
      assertEquals(Math.exp(walk.get(i).logprob()), Math.exp(c.logprobs().get(i).logprob()), KnownAnswers.TOLERANCE, "token " + i);
    }
  }
}
