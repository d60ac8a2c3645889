package dev.nexttoken.gemini;

import dev.nexttoken.contract.SeamRules;
import org.junit.jupiter.api.Test;

/** The provider is built on core's public API and spi alone. */
class SeamTest {
  @Test
  void usesOnlyThePublicApiAndSpi() {
    SeamRules.assertProviderRespectsTheSeam(GeminiModel.class);
  }
}
