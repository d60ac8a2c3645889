package dev.nexttoken.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dated prices, matched by model, overridable by a file. */
class PriceTableTest {
  @TempDir Path dir;

  @Test
  void aDatedSnapshotCostsWhatItsModelDoesAndCachedTokensAreCheaper() {
    Price price = PriceTable.builtIn().find("openai", "gpt-4o-mini-2024-07-18");
    assertEquals(0.15, price.input());
    assertEquals("2025-06-01", price.asOf());
    // 1,000 prompt tokens of which 400 cached, 500 out.
    double expected = (600 * 0.15 + 400 * 0.075 + 500 * 0.60) / 1e6;
    assertEquals(expected, price.cost(new Usage(1000, 500, 1500, 400, null)), 1e-15);
  }

  @Test
  void selfHostedServersCostNothingAndAnUnknownModelHasNoPrice() {
    assertEquals(0.0, PriceTable.builtIn().find("llamacpp", null).cost(Usage.of(100, 10)));
    assertNull(PriceTable.builtIn().find("openai", "some-new-model"));
    assertNull(PriceTable.builtIn().find("openai", "gpt-4o-mini").cost(Usage.UNKNOWN), "usage unknown: cost unknown");
  }

  @Test
  void aFileOverridesTheBuiltInTable() throws IOException {
    Path file = Files.writeString(dir.resolve("prices.json"),
        "{\"asOf\": \"2026-11-01\", \"prices\": [{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\", \"input\": 1, \"output\": 2}]}");
    Price price = PriceTable.withOverrides(file).find("openai", "gpt-4o-mini");
    assertEquals(1.0, price.input());
    assertEquals("2026-11-01", price.asOf());
  }

  @Test
  void aPriceFileWithoutADateOrWithABadEntryIsRefused() throws IOException {
    Path undated = Files.writeString(dir.resolve("a.json"), "{\"prices\": []}");
    assertTrue(assertThrows(EvalInputException.class, () -> PriceTable.withOverrides(undated)).getMessage().contains("\"asOf\" is missing"));
    Path bad = Files.writeString(dir.resolve("b.json"), "{\"asOf\": \"2026-01-01\", \"prices\": [{\"provider\": \"openai\", \"model\": \"x\", \"input\": \"cheap\"}]}");
    assertTrue(assertThrows(EvalInputException.class, () -> PriceTable.withOverrides(bad)).getMessage().contains("prices[0]"));
  }
}
