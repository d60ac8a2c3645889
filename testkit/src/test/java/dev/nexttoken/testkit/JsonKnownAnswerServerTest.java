package dev.nexttoken.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.testkit.junit.JsonModel;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real llama-server serving the JSON model: schema-constrained answers go through the model's own pieces with
 * its own probabilities, and chat with tools (through {@code --jinja} and the model's template) returns tool calls.
 * Plain HTTP, no SDK code in between.
 */
@ExtendWith(LlamaServerExtension.class)
class JsonKnownAnswerServerTest {
  private static final double MAX_PROBABILITY_ERROR = 1e-5;
  private static final String TOOLS = "[" + tool(JsonCorpus.GET_WEATHER) + "," + tool(JsonCorpus.GET_TIME) + "]";

  private final LlamaServer server;
  private final KnownAnswerModel model;

  JsonKnownAnswerServerTest(@JsonModel LlamaServer server, @JsonModel KnownAnswerModel model) {
    this.server = server;
    this.model = model;
  }

  private static String tool(String name) {
    return "{\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"description\":\"A fact about a city\","
        + "\"parameters\":" + JsonCorpus.CITY_PARAMETERS + "}}";
  }

  @Test
  void tokenizeGivesThePieces() throws Exception {
    String answer = "{\"city\":\"Oslo\",\"country\":\"Norway\"";
    JsonNode tokens = Http.post(server, "/tokenize", Http.JSON.writeValueAsString(
        Map.of("content", JsonCorpus.CITY_PROMPT + answer))).get("tokens");
    assertEquals(Arrays.stream(model.tokenize(JsonCorpus.CITY_PROMPT + answer)).boxed().toList(),
        Http.JSON.convertValue(tokens, List.class));
    assertEquals(List.of(" Describe", " Oslo", " as", " JSON", "{\"city\":\"", "Oslo", "\",\"country\":\"", "Norway", "\""),
        Arrays.stream(model.tokenize(JsonCorpus.CITY_PROMPT + answer)).mapToObj(model::tokenText).toList());
  }

  @Test
  void schemaConstrainedAnswerIsTheGreedyWalkWithTheModelsProbabilities() throws Exception {
    JsonNode response = Http.post(server, "/completion", "{\"prompt\":\"" + JsonCorpus.CITY_PROMPT
        + "\",\"n_predict\":30,\"temperature\":0,\"n_probs\":1,\"json_schema\":" + JsonCorpus.CITY_SCHEMA + "}");

    assertWalk(model.greedyWalk(JsonCorpus.CITY_PROMPT, 30), response);
    assertEquals("eos", response.get("stop_type").asText(), "the answer closes, then </s>");
  }

  @Test
  void aBiasByIdChangesTheConstrainedAnswerAsTheModelPredicts() throws Exception {
    int oslo = model.tokenId("Oslo");
    JsonNode response = Http.post(server, "/completion", "{\"prompt\":\"" + JsonCorpus.CITY_PROMPT
        + "\",\"n_predict\":30,\"temperature\":0,\"n_probs\":1,\"logit_bias\":[[" + oslo + ",-100]],\"json_schema\":"
        + JsonCorpus.CITY_SCHEMA + "}");

    assertWalk(model.greedyWalk(JsonCorpus.CITY_PROMPT, 30, Map.of(oslo, -100.0)), response);
    assertTrue(response.get("content").asText().contains("Bergen"), response.get("content")::toString);
  }

  @Test
  void aTokenTheGrammarForcesAgainstTheModelReportsTheModelsProbability() throws Exception {
    // The grammar wants "country" first; the model's every piece that fits is a 1e-9 prefix or byte. The server
    // reports that raw probability (before the grammar), not the renormalised one the grammar sampled from.
    JsonNode response = Http.post(server, "/completion", "{\"prompt\":\"" + JsonCorpus.CITY_PROMPT
        + "\",\"n_predict\":3,\"temperature\":0,\"n_probs\":1,\"json_schema\":{\"type\":\"object\","
        + "\"properties\":{\"country\":{\"type\":\"string\"}},\"required\":[\"country\"]}}");
    JsonNode entries = response.get("completion_probabilities");
    assertEquals(3, entries.size());
    for (JsonNode e : entries) {
      assertProbability(Math.log(KnownAnswerModel.OTHER_PROBABILITY), e.get("logprob").asDouble(), e.toString());
    }
    assertTrue(response.get("content").asText().startsWith("{\"c"), response::toString);
  }

  @Test
  void chatWithToolsReturnsTheModelsCallsAsToolCalls() throws Exception {
    JsonNode one = chatWithTools(JsonCorpus.WEATHER_PROMPT).get("choices").get(0);
    JsonNode two = chatWithTools(JsonCorpus.TWO_CALLS_PROMPT).get("choices").get(0);

    assertEquals("tool_calls", one.get("finish_reason").asText());
    JsonNode call = one.get("message").get("tool_calls").get(0);
    assertEquals(JsonCorpus.GET_WEATHER, call.get("function").get("name").asText());
    assertEquals("{\"city\":\"Tokyo\"}", call.get("function").get("arguments").asText(), "the arguments as generated");
    JsonNode calls = two.get("message").get("tool_calls");
    assertEquals(2, calls.size(), two::toString);
    assertEquals(JsonCorpus.GET_TIME, calls.get(0).get("function").get("name").asText());
    assertEquals("{\"city\":\"Lima\"}", calls.get(0).get("function").get("arguments").asText());
    assertEquals(JsonCorpus.GET_WEATHER, calls.get(1).get("function").get("name").asText());
    assertEquals("{\"city\":\"Tokyo\"}", calls.get(1).get("function").get("arguments").asText());
    // The calls' tokens are the model's pieces, with its probabilities.
    List<KnownAnswerModel.Candidate> walk = model.greedyWalk(JsonCorpus.TWO_CALLS_PROMPT, 30);
    JsonNode content = two.get("logprobs").get("content");
    assertEquals(walk.size(), content.size());
    for (int i = 0; i < walk.size(); i++) {
      assertEquals(walk.get(i).id(), content.get(i).get("id").asInt(), "token " + i);
      assertProbability(walk.get(i).logprob(), content.get(i).get("logprob").asDouble(), "token " + i);
    }
  }

  private JsonNode chatWithTools(String prompt) throws Exception {
    return Http.post(server, "/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
        + "\"}],\"tools\":" + TOOLS + ",\"parallel_tool_calls\":true,\"max_tokens\":30,\"temperature\":0,"
        + "\"logprobs\":true,\"top_logprobs\":1}");
  }

  private void assertWalk(List<KnownAnswerModel.Candidate> walk, JsonNode response) {
    JsonNode entries = response.get("completion_probabilities");
    assertEquals(walk.size(), entries.size(), response::toString);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < walk.size(); i++) {
      assertEquals(walk.get(i).id(), entries.get(i).get("id").asInt(), "token " + i);
      assertProbability(walk.get(i).logprob(), entries.get(i).get("logprob").asDouble(), "token " + i);
      text.append(walk.get(i).token());
    }
    assertEquals(text.toString(), response.get("content").asText());
  }

  private static void assertProbability(double expectedLogprob, double actualLogprob, String what) {
    assertEquals(Math.exp(expectedLogprob), Math.exp(actualLogprob), MAX_PROBABILITY_ERROR, what);
  }
}
