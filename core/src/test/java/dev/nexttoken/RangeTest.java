package dev.nexttoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Open and closed bounds, the range that accepts nothing, and how ranges read in messages. */
class RangeTest {
  @Test
  void anOpenBoundExcludesItselfAndAClosedOneIncludesItself() {
    Range topP = Range.openClosed(0, 1);

    assertFalse(topP.contains(0));
    assertTrue(topP.contains(Double.MIN_VALUE));
    assertTrue(topP.contains(1));
    assertFalse(topP.contains(Math.nextUp(1.0)));
    assertFalse(topP.contains(Double.NaN));
  }

  @Test
  void unboundedSidesAcceptEverythingOnThatSide() {
    assertTrue(Range.atLeast(0).contains(Double.MAX_VALUE));
    assertTrue(Range.ALL_INTEGERS.contains(Long.MIN_VALUE));
    assertFalse(Range.integersAtLeast(1).contains(0));
  }

  @Test
  void noneAcceptsNothing() {
    assertFalse(Range.NONE.acceptsAny());
    assertFalse(Range.NONE.contains(0));
    assertTrue(Range.integers(3, 3).acceptsAny(), "a single value is a range");
  }

  @Test
  void describesItselfAsMessagesNeedIt() {
    assertEquals("between 0 and 2.0", Range.closed(0, 2.0).describe());
    assertEquals("between 0 and 2147483647", Range.integers(0, Integer.MAX_VALUE).describe());
    assertEquals("in (0, 1.0]", Range.openClosed(0, 1).describe());
    assertEquals("at least 1", Range.integersAtLeast(1).describe());
    assertEquals("any number", Range.ALL_INTEGERS.describe());
    assertEquals("not accepted", Range.NONE.describe());
  }

  @Test
  void anInfiniteBoundIsNeverInclusiveSoEqualRangesAreEqual() {
    assertEquals(Range.atLeast(0), new Range(0, true, Double.POSITIVE_INFINITY, true, false));
    assertThrows(IllegalArgumentException.class, () -> Range.closed(2, 1));
  }
}
