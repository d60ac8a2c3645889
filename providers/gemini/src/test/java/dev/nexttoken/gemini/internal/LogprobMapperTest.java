package dev.nexttoken.gemini.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code logprobsResult} to neutral entries, edge by edge. */
class LogprobMapperTest {
  private static GenerateResponseBody.LogprobCandidate c(String token, Integer id, Double logprob) {
    return new GenerateResponseBody.LogprobCandidate(token, id, logprob);
  }

  @Test
  void noResultIsNoLogprobsAndAnEmptyResultIsAnEmptyList() {
    assertNull(LogprobMapper.map(null, 3));
    assertEquals(List.of(), LogprobMapper.map(new GenerateResponseBody.LogprobsResult(null, null, null), 3));
  }

  @Test
  void alternativesAskedForButNotSentAreUnknownAndAShortTopListGivesEmptyOnes() {
    var chosen = List.of(c("a", 1, -0.1), c("b", 2, -0.2));
    assertNull(LogprobMapper.map(new GenerateResponseBody.LogprobsResult(chosen, null, null), 2).get(0).topLogprobs());

    var tops = List.of(new GenerateResponseBody.TopCandidates(List.of(c("a", 1, -0.1), c("x", 9, -3.0))));
    List<TokenLogprob> tokens = LogprobMapper.map(new GenerateResponseBody.LogprobsResult(chosen, tops, null), 2);
    assertEquals(List.of(new TokenCandidate("a", null, 1, -0.1), new TokenCandidate("x", null, 9, -3.0)), tokens.get(0).topLogprobs());
    assertEquals(List.of(), tokens.get(1).topLogprobs());
  }

  @Test
  void omittedFieldsAreProto3DefaultsExceptTheIdWhichStaysUnknown() {
    TokenLogprob t = LogprobMapper.map(new GenerateResponseBody.LogprobsResult(List.of(c(null, null, null)), null, null), 0).get(0);
    assertEquals(new TokenLogprob("", null, null, 0.0, List.of()), t);
  }

  @Test
  void thePlaceholderForImpossibleAlternativesIsNegativeInfinityAndSortsLast() {
    var tops = List.of(new GenerateResponseBody.TopCandidates(List.of(c("!", 5, -1.2676506e30), c("a", 1, -0.1))));
    List<TokenCandidate> alternatives =
        LogprobMapper.map(new GenerateResponseBody.LogprobsResult(List.of(c("a", 1, -0.1)), tops, null), 2).get(0).topLogprobs();
    assertEquals(List.of(new TokenCandidate("a", null, 1, -0.1), new TokenCandidate("!", null, 5, Double.NEGATIVE_INFINITY)), alternatives);
  }

  @Test
  void aPositiveLogprobIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> LogprobMapper.map(new GenerateResponseBody.LogprobsResult(List.of(c("a", 1, 0.5)), null, null), 0));
  }
}
