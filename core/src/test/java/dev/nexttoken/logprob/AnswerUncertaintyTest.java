package dev.nexttoken.logprob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The uncertainty figures of an answer whose every distribution is given in full or in part. */
class AnswerUncertaintyTest {
  private static TokenLogprob token(String chosen, double p, double... others) {
    List<TokenCandidate> top = new ArrayList<>();
    top.add(new TokenCandidate(chosen, chosen.getBytes(UTF_8), null, Math.log(p)));
    for (int i = 0; i < others.length; i++) {
      top.add(new TokenCandidate("alt" + i, null, null, Math.log(others[i])));
    }
    top.sort((a, b) -> Double.compare(b.logprob(), a.logprob()));
    return new TokenLogprob(chosen, chosen.getBytes(UTF_8), null, Math.log(p), top);
  }

  // Position 1 and 2 are under 0.5 and adjacent; position 4 is under 0.5 alone; every distribution is whole.
  private final ProbabilityTable table = ProbabilityTable.of(List.of(
      token("The", 0.9, 0.1),
      token(" cat", 0.3, 0.7),
      token(" sat", 0.4, 0.35, 0.25),
      token(" on", 0.8, 0.2),
      token(" mats", 0.1, 0.6, 0.3)));
  private final AnswerUncertainty u = AnswerUncertainty.of(table, 0.5);

  @Test
  void sequenceFigures() {
    double total = Math.log(0.9 * 0.3 * 0.4 * 0.8 * 0.1);
    assertEquals(Math.exp(total), u.sequenceProbability(), 1e-12);
    assertEquals(total, u.totalLogprob(), 1e-12);
    assertEquals(total / 5, u.meanLogprob(), 1e-12);
    assertEquals(Math.exp(-total / 5), u.perplexity(), 1e-9);
    assertEquals(4, u.leastLikely().position());
  }

  @Test
  void entropiesAndMarginsOfWholeDistributionsAreExact() {
    double[][] rows = {{0.9, 0.1}, {0.3, 0.7}, {0.4, 0.35, 0.25}, {0.8, 0.2}, {0.1, 0.6, 0.3}};
    double sum = 0;
    double max = 0;
    for (double[] row : rows) {
      double h = 0;
      for (double p : row) {
        h -= p * Math.log(p);
      }
      sum += h;
      max = Math.max(max, h);
    }
    assertTrue(u.meanEntropy().exact());
    assertEquals(sum / 5, u.meanEntropy().value(), 1e-12);
    assertEquals(max, u.maxEntropy().value(), 1e-12);
    assertEquals(List.of(0.8, 0.4, 0.05, 0.6, 0.3), u.margins().stream().map(m -> Math.round(m * 1e9) / 1e9).toList());
    assertEquals(0.05, u.minMargin(), 1e-12);
  }

  @Test
  void cutOffDistributionsGiveEntropyBounds() {
    ProbabilityTable cut = ProbabilityTable.of(List.of(token("a", 0.5, 0.2), token("b", 0.9)), 100);
    AnswerUncertainty bounded = AnswerUncertainty.of(cut, 0.5);

    Entropy first = cut.row(0).entropy();
    Entropy second = cut.row(1).entropy();
    assertEquals((first.lowerBound() + second.lowerBound()) / 2, bounded.meanEntropy().lowerBound(), 1e-12);
    assertEquals((first.upperBound() + second.upperBound()) / 2, bounded.meanEntropy().upperBound(), 1e-12);
    assertEquals(Math.max(first.upperBound(), second.upperBound()), bounded.maxEntropy().upperBound(), 1e-12);
    assertNull(bounded.margins().get(1), "one candidate: no runner-up to compare with");
  }

  @Test
  void lowConfidenceTokensMergeIntoCharacterSpans() {
    List<ConfidenceSpan> spans = u.lowConfidence();

    assertEquals(2, spans.size());
    assertEquals(new ConfidenceSpan(3, 11, " cat sat", 1, 2, 0.3), round(spans.get(0)));
    assertEquals(" mats", spans.get(1).text());
    assertEquals(14, spans.get(1).start());
    assertEquals(19, spans.get(1).end());
    assertEquals(table.text().substring(14, 19), spans.get(1).text());
  }

  @Test
  void aSpanEndingInsideACharacterReachesTheEndOfIt() {
    // "é" as two byte tokens: the first is unsure and has no text of its own.
    TokenLogprob a = new TokenLogprob("a", null, null, Math.log(0.9), List.of());
    TokenLogprob lead = new TokenLogprob("", new byte[] {(byte) 0xC3}, null, Math.log(0.2), List.of());
    TokenLogprob trail = new TokenLogprob("", new byte[] {(byte) 0xA9}, null, Math.log(0.95), List.of());
    AnswerUncertainty split = AnswerUncertainty.of(ProbabilityTable.of(List.of(a, lead, trail)), 0.5);

    assertEquals(List.of(new ConfidenceSpan(1, 2, "é", 1, 1, split.lowConfidence().get(0).minProbability())), split.lowConfidence());
  }

  @Test
  void aThresholdIsAProbability() {
    assertThrows(IllegalArgumentException.class, () -> AnswerUncertainty.of(table, 1.5));
  }

  @Test
  void theTextRendererBracketsTheSpans() {
    String text = new TextRenderer(false, 5).render(u);

    assertTrue(text.startsWith("text: The⟦␣cat␣sat⟧␣on⟦␣mats⟧\n"), text);
    assertTrue(text.contains("low confidence (p < 0.5000): 2 spans"), text);
    assertTrue(text.contains("least likely: ␣mats at 4, p 0.1000"), text);
    assertTrue(new TextRenderer(true, 5).render(u).contains("\u001B[31m⟦"), "red with colour on");
  }

  @Test
  void theHtmlPageMarksTheSpans() {
    Document page = Jsoup.parse(new HtmlRenderer("u").render(u));

    List<Element> marks = page.select("div.text mark.low");
    assertEquals(2, marks.size());
    assertEquals("3", marks.get(0).attr("data-start"));
    assertEquals("11", marks.get(0).attr("data-end"));
    assertEquals(2, marks.get(0).select("span.tok").size(), "the span holds its two tokens");
    assertEquals(0.1, Double.parseDouble(marks.get(1).attr("data-min-prob")), 1e-12);
    assertEquals(5, page.select("div.text span.tok").size(), "every token is shown once");
    assertTrue(page.select("table.uncertainty").text().contains("least likely token"), page.select("table.uncertainty").text());
  }

  private static ConfidenceSpan round(ConfidenceSpan s) {
    return new ConfidenceSpan(s.start(), s.end(), s.text(), s.firstPosition(), s.lastPosition(), Math.round(s.minProbability() * 1e9) / 1e9);
  }
}
