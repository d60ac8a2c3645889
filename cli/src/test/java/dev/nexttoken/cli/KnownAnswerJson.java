package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.testkit.KnownAnswerModel;
import java.util.ArrayList;
import java.util.List;

/** Checks the CLI's JSON token entries against the known-answer model's exact distributions. */
final class KnownAnswerJson {
  /** The largest difference in probability tolerated between the CLI's output and the truth. */
  static final double TOLERANCE = 1e-5;

  static final String PROMPT = "Weights and Biases is";

  private KnownAnswerJson() {}

  /** The ids of the greedy walk's first {@code steps} tokens after {@link #PROMPT}. */
  static List<Integer> greedyIds(KnownAnswerModel truth, int steps) {
    return truth.greedyWalk(PROMPT, steps).stream().map(KnownAnswerModel.Candidate::id).toList();
  }

  static String text(KnownAnswerModel truth, List<Integer> ids) {
    StringBuilder s = new StringBuilder();
    ids.forEach(id -> s.append(truth.tokenText(id)));
    return s.toString();
  }

  /** The id of the last token of the prompt, which the first generated token follows. */
  static int lastPromptId(KnownAnswerModel truth) {
    int[] ids = truth.tokenize(PROMPT);
    return ids[ids.length - 1];
  }

  /**
   * Asserts each entry of {@code tokens} is the truth for the token it names, given the token before it
   * (whatever was chosen: greedy or sampled), with the model's {@code k} most likely tokens as {@code top}.
   * Returns the chosen ids.
   */
  static List<Integer> assertTokens(KnownAnswerModel truth, JsonNode tokens, int k) {
    assertTrue(tokens.isArray(), () -> "tokens is an array: " + tokens);
    List<Integer> chosen = new ArrayList<>();
    int previous = lastPromptId(truth);
    for (int i = 0; i < tokens.size(); i++) {
      JsonNode entry = tokens.get(i);
      int id = entry.get("id").asInt();
      assertToken(truth, previous, id, entry, "token " + i);
      assertTop(truth, previous, k, id, entry, "token " + i);
      chosen.add(id);
      previous = id;
    }
    return chosen;
  }

  /** Asserts the candidates, the chosen token's rank and the unseen mass. */
  static void assertTop(KnownAnswerModel truth, int previous, int k, int chosenId, JsonNode entry, String where) {
    List<KnownAnswerModel.Candidate> expected = truth.topK(previous, k);
    JsonNode top = entry.get("top");
    assertEquals(expected.size(), top.size(), where + ": top size");
    double covered = 0;
    Integer rank = null;
    for (int r = 0; r < expected.size(); r++) {
      int id = expected.get(r).id();
      assertEquals(id, top.get(r).get("id").asInt(), where + ": rank " + (r + 1) + " id");
      assertToken(truth, previous, id, top.get(r), where + " rank " + (r + 1));
      covered += Math.exp(truth.logprob(previous, id));
      if (id == chosenId && rank == null) {
        rank = r + 1;
      }
    }
    if (rank == null) {
      assertTrue(entry.get("rank").isNull(), where + ": rank null outside the listed candidates");
      covered += Math.exp(truth.logprob(previous, chosenId));
    } else {
      assertEquals(rank, entry.get("rank").asInt(), where + ": rank");
    }
    assertEquals(1 - covered, entry.get("unseenMass").asDouble(), k * TOLERANCE + 1e-9, where + ": unseenMass");
  }

  /** Asserts one token object: {@code token}, {@code bytes}, {@code id}, {@code logprob}, {@code prob}. */
  static void assertToken(KnownAnswerModel truth, int previous, int id, JsonNode node, String where) {
    assertToken(truth, previous, id, node, "token", where);
  }

  /** As above, with the token's text in {@code tokenField} (a walk step names it {@code chosen}). */
  static void assertToken(KnownAnswerModel truth, int previous, int id, JsonNode node, String tokenField, String where) {
    assertEquals(id, node.get("id").asInt(), where + ": id");
    assertEquals(truth.tokenText(id), node.get(tokenField).asText(), where + ": " + tokenField);
    assertEquals(bytes(truth.tokenBytes(id)), bytes(node.get("bytes")), where + ": bytes");
    double expected = Math.exp(truth.logprob(previous, id));
    assertEquals(expected, node.get("prob").asDouble(), TOLERANCE, where + ": prob");
    assertEquals(Math.exp(node.get("logprob").asDouble()), node.get("prob").asDouble(), 1e-12, where + ": prob = exp(logprob)");
  }

  static List<Integer> bytes(byte[] bytes) {
    List<Integer> list = new ArrayList<>();
    for (byte b : bytes) {
      list.add(b & 0xFF);
    }
    return list;
  }

  static List<Integer> bytes(JsonNode array) {
    assertTrue(array.isArray(), () -> "bytes is an array: " + array);
    List<Integer> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asInt()));
    return list;
  }
}
