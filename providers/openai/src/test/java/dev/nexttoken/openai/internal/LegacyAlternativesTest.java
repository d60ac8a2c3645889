package dev.nexttoken.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scanner's map of one legacy position against the LinkedHashMap databind reads the same entries into. */
class LegacyAlternativesTest {
  @Test
  void readsAsTheLinkedHashMapOfTheSameEntries() {
    Random random = new Random(3);
    String[] tokens = {" a", " b", "c", "\u00e9", " a ", ""};
    for (int round = 0; round < 2_000; round++) {
      LegacyAlternatives scanned = new LegacyAlternatives();
      Map<String, Double> expected = new LinkedHashMap<>();
      int n = random.nextInt(12);
      for (int i = 0; i < n; i++) {
        String token = tokens[random.nextInt(tokens.length)]; // repeats: first place, last value
        double logprob = random.nextInt(5) == 0 ? Double.NaN : -random.nextDouble() * 10;
        assertTrue(scanned.add(token, logprob));
        expected.put(token, Double.isNaN(logprob) ? null : logprob);
      }
      assertEquals(expected, scanned);
      assertEquals(scanned, expected);
      assertEquals(expected.hashCode(), scanned.hashCode());
      assertEquals(expected.toString(), scanned.toString());
      assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(scanned.keySet()), "the order sent");
      List<Double> values = new ArrayList<>(expected.values());
      for (int i = 0; i < scanned.size(); i++) {
        Double value = values.get(i);
        assertEquals(value == null ? Double.NaN : value, scanned.logprob(i));
      }
    }
  }

  @Test
  void isReadOnlyAndBounded() {
    LegacyAlternatives scanned = new LegacyAlternatives();
    for (int i = 0; i < LegacyAlternatives.MAX_ENTRIES; i++) {
      assertTrue(scanned.add("t" + i, -i));
    }
    assertFalse(scanned.add("one more", -1), "past the bound the scan gives up");
    assertTrue(scanned.add("t3", -0.5), "an update is not a new entry");
    assertEquals(-0.5, scanned.get("t3"));
    assertThrows(UnsupportedOperationException.class, () -> scanned.put("x", Double.valueOf(1.0)));
    assertThrows(UnsupportedOperationException.class, () -> scanned.entrySet().iterator().remove());
  }
}
