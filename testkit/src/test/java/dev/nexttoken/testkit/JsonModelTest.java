package dev.nexttoken.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JSON known-answer model: answers written in JSON pieces, tool calls, and walks under a logit bias. */
class JsonModelTest {
  private final KnownAnswerModel model = KnownAnswerModel.jsonModel();

  private String greedyText(String prompt) {
    return text(model.greedyWalk(prompt, 30));
  }

  private static String text(List<KnownAnswerModel.Candidate> walk) {
    return walk.stream().map(KnownAnswerModel.Candidate::token).collect(Collectors.joining());
  }

  @Test
  void cityAnswerIsCompactJsonInValuePieces() {
    List<KnownAnswerModel.Candidate> walk = model.greedyWalk(JsonCorpus.CITY_PROMPT, 30);

    assertEquals("{\"city\":\"Oslo\",\"country\":\"Norway\",\"population\":709000,\"capital\":true}", text(walk));
    assertEquals(List.of("{\"city\":\"", "Oslo", "\",\"country\":\"", "Norway", "\",\"population\":", "709000",
        ",\"capital\":", "true", "}", ""), walk.stream().map(KnownAnswerModel.Candidate::token).toList());
    assertEquals(model.eosId(), walk.get(walk.size() - 1).id(), "the answer ends there");
  }

  @Test
  void valuesHaveTheProbabilitiesTheCorpusWeightsGive() {
    int city = model.tokenId("{\"city\":\"");
    List<KnownAnswerModel.Candidate> top = model.topK(city, 3);
    assertEquals(List.of("Oslo", "Bergen", "Paris"), top.stream().map(KnownAnswerModel.Candidate::token).toList());
    // 3 : 2 : 1, less what smoothing gives every other piece.
    assertEquals(1.5, top.get(0).probability() / top.get(1).probability(), 0.01);
    assertEquals(2.0, top.get(1).probability() / top.get(2).probability(), 0.02);
    assertTrue(top.get(0).probability() > 0.4 && top.get(0).probability() < 0.5, top.get(0)::toString);
    assertEquals("Norway", model.topK(model.tokenId("\",\"country\":\""), 1).get(0).token());
    assertEquals("true", model.topK(model.tokenId(",\"capital\":"), 1).get(0).token());
  }

  @Test
  void whitespaceIsNeverAttractive() {
    // The schema's grammar allows spaces and newlines between tokens; the model must never prefer them.
    int space = KnownAnswerModel.FIRST_BYTE + ' ';
    int newline = KnownAnswerModel.FIRST_BYTE + '\n';
    int spacePiece = model.tokenId(SpmTokenizer.SPACE);
    int previous = model.tokenize(JsonCorpus.CITY_PROMPT)[model.tokenize(JsonCorpus.CITY_PROMPT).length - 1];
    for (KnownAnswerModel.Candidate step : model.greedyWalk(JsonCorpus.CITY_PROMPT, 30)) {
      double[] p = model.nextTokenProbabilities(previous);
      for (int ws : new int[] {space, newline, spacePiece}) {
        assertEquals(KnownAnswerModel.OTHER_PROBABILITY, p[ws], "after token " + previous);
      }
      previous = step.id();
    }
  }

  @Test
  void toolCallAnswersAreOneAndTwoCalls() {
    assertEquals("<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Tokyo\"}}</tool_call>",
        greedyText(JsonCorpus.WEATHER_PROMPT));
    assertEquals("<tool_call>{\"name\":\"get_time\",\"arguments\":{\"city\":\"Lima\"}}</tool_call>"
        + "<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Tokyo\"}}</tool_call>",
        greedyText(JsonCorpus.TWO_CALLS_PROMPT));
  }

  @Test
  void aBiasAgainstTheGreedyValueGivesTheRunnerUp() {
    int oslo = model.tokenId("Oslo");
    List<KnownAnswerModel.Candidate> walk = model.greedyWalk(JsonCorpus.CITY_PROMPT, 30, Map.of(oslo, -100.0));

    assertEquals("{\"city\":\"Bergen\",\"country\":\"Norway\",\"population\":709000,\"capital\":true}", text(walk));
    KnownAnswerModel.Candidate bergen = walk.get(1);
    assertEquals(model.logprob(model.tokenId("{\"city\":\""), bergen.id()), bergen.logprob(),
        "the reported logprob is the model's, without the bias");
  }

  @Test
  void aPositiveBiasForcesAToken() {
    int paris = model.tokenId("Paris");
    assertEquals("Paris", model.greedyWalk(JsonCorpus.CITY_PROMPT, 2, Map.of(paris, 100.0)).get(1).token());
  }

  @Test
  void theTemplateIsTheModelsChatTemplate() {
    assertEquals(JsonCorpus.TEMPLATE, model.chatTemplate());
    assertEquals(KnownAnswerGguf.CHAT_TEMPLATE, KnownAnswerModel.defaultModel().chatTemplate());
  }

  @Test
  void documentPiecesAreTokensOfTheirOwn() {
    KnownAnswerModel m = KnownAnswerModel.builder().document("Say it", "{\"a\":", "1", "}").build();

    assertArrayEquals(new int[] {m.tokenId(" Say"), m.tokenId(" it"), m.tokenId("{\"a\":"), m.tokenId("1"),
        m.tokenId("}")}, m.tokenize("Say it{\"a\":1}"));
    assertEquals(List.of("Say it{\"a\":1}"), m.corpus());
  }

  @Test
  void piecesTheTokenizerWouldMergeDifferentlyAreRejected() {
    // "abc": the tokenizer merges the leftmost of the equal-scored "ab" and "bc" first, so "a" + "bc" cannot stand.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KnownAnswerModel.builder().document("x", "ab", "c").document("y", "a", "bc").build());
    assertTrue(e.getMessage().contains("does not tokenize into its pieces"), e.getMessage());
  }
}
