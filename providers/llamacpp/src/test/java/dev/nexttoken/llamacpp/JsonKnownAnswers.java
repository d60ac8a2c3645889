package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Completion;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.testkit.KnownAnswerModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a JSON answer of the known-answer JSON model must report, derived from the model alone: the greedy walk's
 * tokens and, per field, the sum of the model's logprobs of the tokens overlapping the value. The server reports the
 * model's probabilities before the grammar, which for these answers is the model's own bigram probability.
 */
final class JsonKnownAnswers {
  private JsonKnownAnswers() {}

  /** The walk's text. */
  static String text(List<KnownAnswerModel.Candidate> walk) {
    return walk.stream().map(KnownAnswerModel.Candidate::token).collect(Collectors.joining());
  }

  /**
   * For each key of the flat JSON object {@code walk} spells, the sum of the logprobs of the walk's tokens whose
   * characters overlap the value's (between the quotes of a string, the literal otherwise).
   */
  static Map<String, Double> fieldLogprobs(List<KnownAnswerModel.Candidate> walk) {
    String text = text(walk);
    List<int[]> spans = new ArrayList<>();
    int at = 0;
    for (KnownAnswerModel.Candidate token : walk) {
      spans.add(new int[] {at, at + token.token().length()});
      at += token.token().length();
    }
    Map<String, Double> fields = new LinkedHashMap<>();
    int key = text.indexOf("\"", 1);
    while (key > 0) {
      int keyEnd = text.indexOf("\":", key + 1);
      String name = text.substring(key + 1, keyEnd);
      int start = keyEnd + 2;
      int end;
      if (text.charAt(start) == '"') {
        start++;
        end = text.indexOf('"', start);
      } else {
        end = start;
        while (text.charAt(end) != ',' && text.charAt(end) != '}') {
          end++;
        }
      }
      double sum = 0;
      for (int t = 0; t < walk.size(); t++) {
        if (spans.get(t)[0] < end && spans.get(t)[1] > start) {
          sum += walk.get(t).logprob();
        }
      }
      fields.put(name, sum);
      int comma = text.indexOf(',', end);
      key = comma < 0 ? -1 : text.indexOf('"', comma);
    }
    return fields;
  }

  /**
   * Asserts {@code c} is the walk (text, token ids and probabilities) and that each field's confidence is the
   * model's, within {@link KnownAnswers#TOLERANCE} in probability.
   */
  static void assertAnswer(List<KnownAnswerModel.Candidate> walk, Completion c) {
    assertEquals(text(walk), c.text());
    List<TokenLogprob> logprobs = c.logprobs();
    assertNotNull(logprobs, "logprobs were requested");
    assertEquals(walk.stream().map(KnownAnswerModel.Candidate::id).toList(), logprobs.stream().map(TokenLogprob::id).toList());
    for (int i = 0; i < walk.size(); i++) {
      assertClose(walk.get(i).logprob(), logprobs.get(i).logprob(), "token " + i);
    }
    Map<String, Double> expected = fieldLogprobs(walk);
    List<FieldConfidence> fields = FieldConfidence.of(c.text(), logprobs);
    assertEquals(expected.keySet().stream().map(k -> "$." + k).toList(), fields.stream().map(FieldConfidence::path).toList());
    for (FieldConfidence field : fields) {
      assertClose(expected.get(field.path().substring(2)), field.logprob(), field.path());
    }
  }

  private static void assertClose(double expectedLogprob, Double actualLogprob, String where) {
    assertNotNull(actualLogprob, where);
    double expected = Math.exp(expectedLogprob);
    double actual = Math.exp(actualLogprob);
    assertTrue(Math.abs(actual - expected) <= KnownAnswers.TOLERANCE,
        () -> where + ": p = " + actual + ", the model's " + expected);
  }
}
