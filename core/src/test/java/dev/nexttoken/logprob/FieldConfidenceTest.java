package dev.nexttoken.logprob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.error.InvalidModelOutputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-field confidence: the sum over the tokens overlapping each value's characters, and nothing else. */
class FieldConfidenceTest {

  /** Tokens spelling {@code pieces} in order, token i with logprob -(i + 1) / 10 so every sum names its tokens. */
  private static List<TokenLogprob> tokens(String... pieces) {
    List<TokenLogprob> out = new ArrayList<>();
    for (int i = 0; i < pieces.length; i++) {
      out.add(Tokens.chosen(pieces[i], -(i + 1) / 10.0, Tokens.cand("alt" + i, -5.0)));
    }
    return out;
  }

  private static double sum(int... tokenIndexes) {
    return Arrays.stream(tokenIndexes).mapToDouble(i -> -(i + 1) / 10.0).sum();
  }

  @Test
  void valueTokensCountAndStructureDoesNot() {
    // 0:{"  1:city  2:":"  3:Os  4:lo  5:",  6:"n  7:":  8:4  9:2  10:}
    List<TokenLogprob> toks = tokens("{\"", "city", "\":\"", "Os", "lo", "\",", "\"n", "\":", "4", "2", "}");
    String text = "{\"city\":\"Oslo\",\"n\":42}";

    List<FieldConfidence> fields = FieldConfidence.of(text, toks);

    assertEquals(List.of("$.city", "$.n"), fields.stream().map(FieldConfidence::path).toList());
    FieldConfidence city = fields.get(0);
    assertEquals("Oslo", city.value());
    assertEquals(sum(3, 4), city.logprob(), 1e-12, "only Os and lo, not the quotes or the key");
    assertEquals(Math.exp(sum(3, 4)), city.probability(), 1e-12);
    assertEquals("lo", city.leastLikely().token());
    assertEquals("alt3", city.alternativesAtFirstToken().get(0).token());
    assertEquals("Oslo", text.substring(city.start(), city.end()));
    FieldConfidence n = fields.get(1);
    assertEquals(42, n.value());
    assertEquals(sum(8, 9), n.logprob(), 1e-12);
  }

  @Test
  void aTokenThatCoversQuoteAndValueCountsForTheValue() {
    // 0:{"a":  1:"x  2:y"  3:}  — token 1 holds the opening quote and x, token 2 y and the closing quote.
    List<TokenLogprob> toks = tokens("{\"a\":", "\"x", "y\"", "}");
    FieldConfidence a = FieldConfidence.of("{\"a\":\"xy\"}", toks).get(0);
    assertEquals(sum(1, 2), a.logprob(), 1e-12);
    assertEquals(2, a.tokens().size());
  }

  @Test
  void nestedPathsArraysAndOddKeys() {
    String text = " {\"items\": [{\"name\": \"pen\"}, {\"name\": \"ink\", \"ok\": true}], \"a b\": null, \"x\": -1.5e2}\n";
    List<FieldConfidence> fields = FieldConfidence.of(text, null);
    assertEquals(List.of("$.items[0].name", "$.items[1].name", "$.items[1].ok", "$[\"a b\"]", "$.x"),
        fields.stream().map(FieldConfidence::path).toList());
    assertEquals(Arrays.asList("pen", "ink", true, null, -150.0), fields.stream().map(FieldConfidence::value).toList());
    assertNull(fields.get(0).logprob(), "no logprobs in the answer: no figure");
    assertNull(fields.get(0).probability());
    assertTrue(fields.get(0).tokens().isEmpty());
  }

  @Test
  void escapedStringsKeepTheirRawSpanAndDecodedValue() {
    List<TokenLogprob> toks = tokens("{\"q\":\"", "a\\\"b", "\"}");
    FieldConfidence q = FieldConfidence.of("{\"q\":\"a\\\"b\"}", toks).get(0);
    assertEquals("a\"b", q.value());
    assertEquals(sum(1), q.logprob(), 1e-12);
  }

  @Test
  void anEmptyStringHasNoTokensAndLogprobZero() {
    FieldConfidence e = FieldConfidence.of("{\"e\":\"\"}", tokens("{\"e\":\"", "\"}")).get(0);
    assertEquals("", e.value());
    assertEquals(0.0, e.logprob());
    assertTrue(e.tokens().isEmpty());
    assertNull(e.leastLikely());
  }

  @Test
  void aCharacterSplitAcrossTokensBelongsToBoth() {
    byte[] e = "é".getBytes(UTF_8); // two bytes, one character
    List<TokenLogprob> toks = List.of(
        new TokenLogprob("{\"v\":\"", "{\"v\":\"".getBytes(UTF_8), null, -0.1, null),
        new TokenLogprob("\uFFFD", new byte[] {e[0]}, null, -0.2, null),
        new TokenLogprob("\uFFFD", new byte[] {e[1]}, null, -0.3, null),
        new TokenLogprob("\"}", "\"}".getBytes(UTF_8), null, -0.4, null));
    FieldConfidence v = FieldConfidence.of("{\"v\":\"é\"}", toks).get(0);
    assertEquals(-0.5, v.logprob(), 1e-12);
  }

  @Test
  void aTokenWithoutLogprobMakesTheFigureUnknown() {
    List<TokenLogprob> toks = List.of(Tokens.chosen("[", -0.1), Tokens.chosen("7", null), Tokens.chosen("]", -0.1));
    assertNull(FieldConfidence.of("[7]", toks).get(0).logprob());
  }

  @Test
  void invalidJsonIsATypedErrorThatKeepsTheText() {
    InvalidModelOutputException e = assertThrows(InvalidModelOutputException.class,
        () -> FieldConfidence.of("{\"a\": \"unclosed", null));
    assertTrue(e.getMessage().contains("not closed"), e.getMessage());
    assertEquals("{\"a\": \"unclosed", e.output());
    assertThrows(InvalidModelOutputException.class, () -> FieldConfidence.of("{\"a\":1} trailing", null));
    assertThrows(InvalidModelOutputException.class, () -> FieldConfidence.of("{\"a\":tru}", null));
  }

  @Test
  void tokensThatDoNotSpellTheAnswerAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FieldConfidence.of("{\"a\":1}", tokens("{\"a\":", "2}")));
    assertTrue(e.getMessage().contains("do not spell"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FieldConfidence.of("{\"a\":1}", tokens("{\"a\":")));
  }

  @Test
  void aTokenWithoutTextCountsWithTheNextOne() {
    // Cohere: one item of two token ids, its text on the last; and an end-of-sequence token with no text.
    List<TokenLogprob> toks = List.of(Tokens.chosen("{\"n\": ", -0.1), Tokens.chosen("", -1.0), Tokens.chosen("709000", -0.5),
        Tokens.chosen("}", -0.1), Tokens.chosen("", -0.3));
    FieldConfidence n = FieldConfidence.of("{\"n\": 709000}", toks).get(0);
    assertEquals(-1.5, n.logprob(), 1e-12);
    assertEquals(2, n.tokens().size());
  }
}
