package dev.nexttoken.contract;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.spi.ModelBuilder;
import java.util.function.Consumer;

/**
 * The fault suite, run against the fake provider: what a provider module's subclass looks like.
 * This one sends the key with {@code apiKey}; its subclasses run the same suite with the other
 * schemes that carry a secret, so that the key scan, the plain-http guard and where the credential
 * goes are proven for each.
 */
class FakeProviderFaultTest extends FaultContractTest {
  @Override
  protected ModelContractTest contract() {
    return new FakeProviderContractTest();
  }

  @Override
  protected LanguageModel newModel(String baseUrl, Consumer<ModelBuilder<?>> settings) {
    FakeProviderModel.Builder builder = FakeProviderModel.builder().baseUrl(baseUrl + "v1").model("fake-small");
    settings.accept(builder);
    return builder.build();
  }
}
