package dev.nexttoken.logprob;

import static dev.nexttoken.logprob.Tokens.cand;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rank the provider reports itself (vLLM's {@code prompt_logprobs}): kept on the token, passed to
 * the row as {@code reportedRank} beside the rank among the candidates, and the JSON's {@code rank}
 * where the chosen token is not listed.
 */
class ReportedRankTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TokenLogprob ranked(String token, double logprob, Integer rank, TokenCandidate... top) {
    return new TokenLogprob(token, token.getBytes(UTF_8), null, logprob, List.of(top), rank);
  }

  @Test
  void theFiveArgumentConstructorReportsNoRank() {
    TokenLogprob token = new TokenLogprob("a", null, 1, -0.5, List.of());

    assertNull(token.rank());
    assertEquals(new TokenLogprob("a", null, 1, -0.5, List.of(), null), token);
    assertEquals(new TokenLogprob("a", null, 1, -0.5, List.of(), null).hashCode(), token.hashCode());
    assertFalse(token.toString().contains("rank"), token::toString);
  }

  @Test
  void aReportedRankIsPartOfTheToken() {
    TokenLogprob token = new TokenLogprob(",", null, 11, -3.9, List.of(), 9);

    assertEquals(9, token.rank());
    assertNotEquals(new TokenLogprob(",", null, 11, -3.9, List.of()), token);
    assertNotEquals(new TokenLogprob(",", null, 11, -3.9, List.of(), 8), token);
    assertTrue(token.toString().contains("rank=9"), token::toString);
  }

  @Test
  void aRankBelowOneIsRefused() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new TokenLogprob("a", null, null, -1.0, null, 0));
    assertTrue(zero.getMessage().contains("rank must be >= 1"), zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TokenLogprob("a", null, null, -1.0, null, -3));
    assertThrows(IllegalArgumentException.class,
        () -> new TableRow(0, "a", null, null, -1.0, List.of(), false, null, null, null, null, "a", "a", 0));
  }

  @Test
  void aTokenOutsideTheListKeepsNoRankAmongTheCandidatesButItsReportedRank() {
    // rank 9 with the top 2 listed: the k + 1 shape of vLLM's prompt_logprobs
    TableRow row = ProbabilityTable.of(List.of(ranked(",", -3.9, 9, cand(".", -0.6), cand(" and", -1.4)))).row(0);

    assertNull(row.rank(), "rank stays within the candidates");
    assertEquals(9, row.reportedRank());
    assertEquals(9, row.knownRank());
    assertFalse(row.chosenIsArgmax());
    assertEquals(Math.exp(-0.6) + Math.exp(-1.4) + Math.exp(-3.9), row.coveredMass(), 1e-12, "masses are as without a rank");
  }

  @Test
  void aListedTokenKeepsItsRankAmongTheCandidates() {
    TableRow row = ProbabilityTable.of(List.of(ranked(" a", -1.7, 2, cand(" the", -1.0), cand(" a", -1.7)))).row(0);

    assertEquals(2, row.rank());
    assertEquals(2, row.reportedRank());
    assertEquals(2, row.knownRank());
  }

  @Test
  void aReportedRankIsKnownWithoutAlternatives() {
    TableRow row = ProbabilityTable.of(List.of(ranked(" city", -2.8, 4))).row(0);

    assertFalse(row.alternativesKnown());
    assertNull(row.rank());
    assertNull(row.unseenMass());
    assertEquals(4, row.reportedRank());
    assertEquals(4, row.knownRank());
  }

  @Test
  void withoutAReportedRankRowsAreAsBefore() {
    TokenLogprob listed = Tokens.chosen(" the", -1.2, cand(" a", -0.5), cand(" the", -1.2));
    TokenLogprob outside = Tokens.chosen(" x", -4.0, cand(" a", -0.5), cand(" the", -1.2));
    ProbabilityTable table = ProbabilityTable.of(List.of(listed, outside));

    assertEquals(2, table.row(0).rank());
    assertEquals(2, table.row(0).knownRank());
    assertNull(table.row(0).reportedRank());
    assertNull(table.row(1).rank());
    assertNull(table.row(1).knownRank());
    assertNull(table.row(1).reportedRank());
    TableRow old = table.row(1);
    assertEquals(old, new TableRow(old.position(), old.token(), old.bytes(), old.id(), old.logprob(), old.candidates(),
        old.alternativesKnown(), old.rank(), old.coveredMass(), old.unseenMass(), old.entropy(), old.text(), old.display()));
    assertTrue(table.render(TableFormat.TEXT).contains(">2"), "outside the listed two, as before");
  }

  @Test
  void theJsonRankIsTheRankAmongTheCandidatesElseTheReportedOneElseNull() throws Exception {
    ProbabilityTable table = ProbabilityTable.of(List.of(
        ranked(" Paris", -0.3, 1, cand(" Paris", -0.3), cand(" a", -2.9)),
        ranked(",", -3.9, 9, cand(".", -0.6), cand(" and", -1.4)),
        ranked(" city", -2.8, 4, cand(" capital", -0.9), cand(" country", -1.5)),
        ranked(" is", -0.4, 3),
        Tokens.chosen(" x", -4.0, cand(" a", -0.5))));

    JsonNode tokens = JSON.readTree(table.render(TableFormat.JSON)).get("tokens");

    assertEquals(1, tokens.get(0).get("rank").asInt());
    assertEquals(9, tokens.get(1).get("rank").asInt());
    assertEquals(4, tokens.get(2).get("rank").asInt());
    assertEquals(3, tokens.get(3).get("rank").asInt(), "reported without alternatives");
    assertTrue(tokens.get(4).get("rank").isNull(), "outside the list and not reported");
    assertEquals(List.of(".", " and"), List.of(tokens.get(1).get("top").get(0).get("token").asText(),
        tokens.get(1).get("top").get(1).get("token").asText()), "top is only the listed candidates");
  }

  @Test
  void humanFormatsShowTheReportedRankButMarkOnlyListedCandidates() {
    ProbabilityTable table = ProbabilityTable.of(List.of(ranked(",", -3.9, 9, cand(".", -0.6), cand(" and", -1.4))));

    String text = table.render(TableFormat.TEXT);
    assertFalse(text.contains("▶"), text);
    assertFalse(text.contains(">2"), text);
    assertTrue(text.lines().anyMatch(l -> l.matches(".*\\b9\\b.*")), text);
    String md = table.render(TableFormat.MARKDOWN);
    assertTrue(md.contains(" | 9 | "), md);
    assertTrue(md.contains(" | \\. 0.5488 · ␣and 0.2466 |"), "no candidate in bold: " + md);
    String html = table.render(TableFormat.HTML);
    assertTrue(html.contains("data-rank=\"9\""), html);
    assertTrue(html.contains("rank 9, outside the listed candidates"), html);
    assertFalse(html.contains("cand chosen"), html);
    List<List<String>> csv = Csv.parse(table.render(TableFormat.CSV));
    int rank = csv.get(0).indexOf("rank");
    assertEquals("9", csv.get(1).get(rank));
    assertEquals("9", csv.get(2).get(rank));
  }
}
