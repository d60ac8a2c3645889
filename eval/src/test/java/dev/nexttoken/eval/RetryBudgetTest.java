package dev.nexttoken.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Retries are a share of calls, never a multiple of them. */
class RetryBudgetTest {
  @Test
  void theReserveIsSpentFirstThenRetriesComeAtTheRatio() {
    RetryBudget budget = new RetryBudget(0.1, 3);
    int granted = 0;
    for (int call = 0; call < 100; call++) {
      budget.onFirstAttempt();
      // Every call fails and wants three retries.
      for (int r = 0; r < 3 && budget.tryRetry(); r++) {
        granted++;
      }
    }
    // 3 from the reserve, then one per ten calls: at most 3 + 0.1 * 100.
    assertTrue(granted <= 13, "granted " + granted);
    assertTrue(granted >= 12, "granted " + granted);
  }

  @Test
  void aHealthyStretchDoesNotBankMoreThanTheReserve() {
    RetryBudget budget = new RetryBudget(0.5, 2);
    for (int i = 0; i < 1000; i++) {
      budget.onFirstAttempt();
    }
    assertEquals(2, budget.balance());
    assertTrue(budget.tryRetry());
    assertTrue(budget.tryRetry());
    assertFalse(budget.tryRetry());
  }

  @Test
  void aNegativeBudgetIsRefused() {
    EvalInputException e = assertThrows(EvalInputException.class, () -> new RetryBudget(-0.1, 3));
    assertTrue(e.getMessage().contains("ratio"), e.getMessage());
  }
}
