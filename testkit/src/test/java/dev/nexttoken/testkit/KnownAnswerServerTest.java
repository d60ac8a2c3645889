package dev.nexttoken.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real llama-server reports exactly the probabilities the known-answer model was built with. */
@ExtendWith(LlamaServerExtension.class)
class KnownAnswerServerTest {
  private static final String PROMPT = "Weights and Biases is";
  private static final double MAX_PROBABILITY_ERROR = 1e-5;

  private final LlamaServer server;
  private final KnownAnswerModel model;

  KnownAnswerServerTest(LlamaServer server, KnownAnswerModel model) {
    this.server = server;
    this.model = model;
  }

  @Test
  void tokenizeGivesTheFourWordIds() throws Exception {
    JsonNode tokens = Http.post(server, "/tokenize", "{\"content\":\"" + PROMPT + "\"}").get("tokens");
    assertEquals(List.of(model.tokenId(" Weights"), model.tokenId(" and"), model.tokenId(" Biases"),
        model.tokenId(" is")), Http.JSON.convertValue(tokens, List.class));
  }

  @Test
  void topFiveAfterEveryGreedyStepMatch() throws Exception {
    JsonNode entries = completion(PROMPT, 20, 5);
    List<KnownAnswerModel.Candidate> walk = model.greedyWalk(PROMPT, 20);
    assertEquals(walk.size(), entries.size(), "the server stops at </s> where the walk does");
    int previous = model.tokenId(" is");
    for (int i = 0; i < walk.size(); i++) {
      JsonNode entry = entries.get(i);
      assertEquals(walk.get(i).id(), entry.get("id").asInt(), "greedy token " + i);
      assertEquals(walk.get(i).token(), entry.get("token").asText());
      assertProbability(walk.get(i).logprob(), entry.get("logprob").asDouble(), "chosen token " + i);
      List<KnownAnswerModel.Candidate> expected = model.topK(previous, 5);
      JsonNode top = entry.get("top_logprobs");
      assertEquals(5, top.size());
      for (int k = 0; k < 5; k++) {
        assertEquals(expected.get(k).id(), top.get(k).get("id").asInt(), "rank " + k + " after step " + i);
        assertEquals(expected.get(k).token(), top.get(k).get("token").asText());
        assertProbability(expected.get(k).logprob(), top.get(k).get("logprob").asDouble(), "rank " + k);
      }
      previous = walk.get(i).id();
    }
  }

  @Test
  void wholeDistributionMatchesAndSumsToOne() throws Exception {
    JsonNode top = completion(PROMPT, 1, model.vocabSize()).get(0).get("top_logprobs");
    double[] truth = model.nextTokenProbabilities(model.tokenId(" is"));
    assertEquals(model.vocabSize(), top.size());
    double sum = 0;
    Set<Integer> seen = new HashSet<>();
    for (int k = 0; k < top.size(); k++) {
      JsonNode e = top.get(k);
      int id = e.get("id").asInt();
      assertTrue(seen.add(id), "each token once");
      double p = Math.exp(e.get("logprob").asDouble());
      sum += p;
      assertEquals(truth[id], p, MAX_PROBABILITY_ERROR, "token " + id);
      assertEquals(model.tokenText(id), e.get("token").asText(), "text of token " + id);
      assertEquals(model.tokenBytes(id).length, e.get("bytes").size(), "bytes of token " + id);
      if (k > 0) {
        int before = top.get(k - 1).get("id").asInt();
        assertTrue(truth[before] >= truth[id], "order at rank " + k);
      }
    }
    assertEquals(1.0, sum, 1e-4);
  }

  @Test
  void firstTokenAfterBosAlone() throws Exception {
    // An empty prompt is just <s>: the server then predicts from the <s> row.
    JsonNode top = completion("", 1, 3).get(0).get("top_logprobs");
    List<KnownAnswerModel.Candidate> expected = model.topK(model.bosId(), 3);
    for (int k = 0; k < 3; k++) {
      assertEquals(expected.get(k).id(), top.get(k).get("id").asInt());
      assertProbability(expected.get(k).logprob(), top.get(k).get("logprob").asDouble(), "rank " + k);
    }
    assertEquals(model.tokenId(" Weights"), expected.get(0).id());
  }

  @Test
  void chatCompletionUsesTheEmbeddedTemplate() throws Exception {
    JsonNode response = Http.post(server, "/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\""
        + PROMPT + "\"}],\"max_tokens\":3,\"temperature\":0,\"logprobs\":true,\"top_logprobs\":5}");
    JsonNode content = response.get("choices").get(0).get("logprobs").get("content");
    List<KnownAnswerModel.Candidate> walk = model.greedyWalk(PROMPT, 3);
    assertEquals(3, content.size());
    int previous = model.tokenId(" is");
    for (int i = 0; i < 3; i++) {
      assertEquals(walk.get(i).id(), content.get(i).get("id").asInt());
      assertProbability(walk.get(i).logprob(), content.get(i).get("logprob").asDouble(), "chat token " + i);
      JsonNode top = content.get(i).get("top_logprobs");
      List<KnownAnswerModel.Candidate> expected = model.topK(previous, 5);
      for (int k = 0; k < 5; k++) {
        assertEquals(expected.get(k).id(), top.get(k).get("id").asInt(), "chat rank " + k);
        assertProbability(expected.get(k).logprob(), top.get(k).get("logprob").asDouble(), "chat rank " + k);
      }
      previous = walk.get(i).id();
    }
    assertEquals(" the machine learning",
        response.get("choices").get(0).get("message").get("content").asText());
  }

  private JsonNode completion(String prompt, int tokens, int nProbs) throws Exception {
    return Http.post(server, "/completion", "{\"prompt\":\"" + prompt + "\",\"n_predict\":" + tokens
        + ",\"temperature\":0,\"n_probs\":" + nProbs + ",\"cache_prompt\":false}")
        .get("completion_probabilities");
  }

  private static void assertProbability(double expectedLogprob, double actualLogprob, String what) {
    assertEquals(Math.exp(expectedLogprob), Math.exp(actualLogprob), MAX_PROBABILITY_ERROR, what);
  }
}
