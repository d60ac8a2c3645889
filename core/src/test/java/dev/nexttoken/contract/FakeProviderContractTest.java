package dev.nexttoken.contract;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import mockwebserver3.MockResponse;

/** The contract, run against the fake provider: what a provider module's subclass looks like. */
class FakeProviderContractTest extends ModelContractTest {
  @Override
  protected LanguageModel newModel(String baseUrl, String apiKey, RetrySettings retry) {
    return FakeProviderModel.builder().baseUrl(baseUrl + "v1").apiKey(apiKey).retry(retry).model("fake-small").build();
  }

  @Override
  protected Operation operation() {
    return Operation.COMPLETION;
  }

  @Override
  protected MockResponse answer() {
    return FakeProviderFixtures.answer();
  }

  @Override
  protected MockResponse streamedAnswer() {
    return FakeProviderFixtures.streamedAnswer();
  }

  @Override
  protected MockResponse error(int status, String message) {
    return FakeProviderFixtures.error(status, message);
  }
}
