package dev.nexttoken.ollama.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nexttoken.logprob.TokenLogprob;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where Ollama's one logprobs sequence turns from reasoning into the answer. */
class ReasoningSplitTest {
  private static TokenLogprob t(String text) {
    return new TokenLogprob(text, text.getBytes(StandardCharsets.UTF_8), null, -0.5, List.of());
  }

  private static List<String> texts(List<TokenLogprob> tokens) {
    return tokens == null ? null : tokens.stream().map(TokenLogprob::token).toList();
  }

  private static final List<TokenLogprob> THOUGHT_THEN_ANSWER =
      List.of(t("<think>"), t("Hm"), t("m."), t("</think>"), t("\n\n"), t("{\"a\""), t(":"), t("1}"));

  @Test
  void theAnswersTokensAreTheLastOnesThatSpellIt() {
    ReasoningSplit.Parts parts = ReasoningSplit.of(THOUGHT_THEN_ANSWER, true, "{\"a\":1}");

    assertEquals(List.of("{\"a\"", ":", "1}"), texts(parts.answer()));
    assertEquals(List.of("<think>", "Hm", "m.", "</think>", "\n\n"), texts(parts.reasoning()), "tags and the gap count as reasoning");
  }

  @Test
  void withoutABoundaryTheSequenceStaysWholeInTheAnswer() {
    // "\n\n{" as one token straddles the boundary: no split is honest, so none is made.
    List<TokenLogprob> straddling = List.of(t("<think>"), t("Hm"), t("</think>"), t("\n\n{\"a\""), t(":1}"));
    assertSame(straddling, ReasoningSplit.of(straddling, true, "{\"a\":1}").answer());
    assertNull(ReasoningSplit.of(straddling, true, "{\"a\":1}").reasoning());

    // Only tool calls: no answer text to find.
    assertSame(THOUGHT_THEN_ANSWER, ReasoningSplit.of(THOUGHT_THEN_ANSWER, true, "").answer());
    // The answer is not at the end.
    assertNull(ReasoningSplit.of(THOUGHT_THEN_ANSWER, true, "Hm").reasoning());
  }

  @Test
  void withoutReasoningNothingIsSplit() {
    List<TokenLogprob> tokens = List.of(t("Par"), t("is"));
    assertSame(tokens, ReasoningSplit.of(tokens, false, "is").answer(), "a suffix spelling the text is no reason to split");
    assertNull(ReasoningSplit.of(null, true, "Paris").answer());
  }

  @Test
  void tokensWithoutBytesAreMeasuredByTheirText() {
    List<TokenLogprob> tokens = List.of(new TokenLogprob("思", null, null, -1.0, List.of()), new TokenLogprob("é", null, null, -0.1, List.of()));

    ReasoningSplit.Parts parts = ReasoningSplit.of(tokens, true, "é");

    assertEquals(List.of("é"), texts(parts.answer()));
    assertEquals(List.of("思"), texts(parts.reasoning()));
  }
}
