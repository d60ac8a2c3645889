package dev.nexttoken.wire.openai;

import dev.nexttoken.contract.SeamRules;
import org.junit.jupiter.api.Test;

/** The shared wire is built on core's public API and spi alone, like the providers that use it. */
class SeamTest {
  @Test
  void usesOnlyThePublicApiAndSpi() {
    SeamRules.assertProviderRespectsTheSeam(ChatWire.class);
  }
}
