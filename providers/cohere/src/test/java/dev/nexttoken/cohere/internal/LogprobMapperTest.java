package dev.nexttoken.cohere.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nexttoken.logprob.TokenLogprob;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cohere logprob items to one neutral entry per token id, without a tokenizer at hand. */
class LogprobMapperTest {
  private final LogprobMapper mapper = new LogprobMapper(null, "command-a-03-2025");

  @Test
  void threeIdsInOneItemPutTheTextOnTheLastAndKeepEachLogprob() {
    List<TokenLogprob> tokens = mapper.map(new LogprobItem("日本", List.of(101, 102, 103), List.of(-0.5, -0.01, -0.002)));
    assertEquals(List.of(
        new TokenLogprob("", null, 101, -0.5, null),
        new TokenLogprob("", null, 102, -0.01, null),
        new TokenLogprob("日本", null, 103, -0.002, null)), tokens);
  }

  @Test
  void missingLogprobsAreUnknownNotZero() {
    List<TokenLogprob> tokens = mapper.map(new LogprobItem("ab", List.of(1, 2), Arrays.asList(-0.3)));
    assertEquals(List.of(new TokenLogprob("", null, 1, -0.3, null), new TokenLogprob("ab", null, 2, null, null)), tokens);
    assertEquals(List.of(new TokenLogprob("x", null, 7, null, null)), mapper.map(new LogprobItem("x", List.of(7), null)));
  }

  @Test
  void aMissingTextIsEmptyAndTinyPositiveRoundingBecomesZero() {
    assertEquals(List.of(new TokenLogprob("", null, 5, 0.0, null)), mapper.map(new LogprobItem(null, List.of(5), List.of(1e-7))));
  }

  @Test
  void noItemsAndNullItemsGiveNoEntries() {
    // null: none sent (was an empty list); an empty list only for a list that was sent
    assertNull(mapper.map((List<LogprobItem>) null));
    assertNull(mapper.map((LogprobItem) null));
    assertEquals(List.of(), mapper.map(new LogprobItem("", null, null)));
  }
}
