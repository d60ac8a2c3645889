package dev.nexttoken.llamacpp;

import dev.nexttoken.contract.SeamRules;
import org.junit.jupiter.api.Test;

/** The provider is built on core's public API and spi alone (issue 14's test of the seam). */
class SeamTest {
  @Test
  void usesOnlyThePublicApiAndSpi() {
    SeamRules.assertProviderRespectsTheSeam(LlamaCppModel.class, "dev.nexttoken.wire.openai");
  }
}
