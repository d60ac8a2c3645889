package dev.nexttoken.llamacpp;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.contract.ModelContractTest;
import mockwebserver3.MockResponse;

/** Core's provider contract, for native {@code /completion}. */
class LlamaCppCompletionContractTest extends ModelContractTest {
  @Override
  protected LanguageModel newModel(String baseUrl, String apiKey, RetrySettings retry) {
    return LlamaCppModel.builder().baseUrl(baseUrl).apiKey(apiKey).retry(retry).build();
  }

  @Override
  protected Operation operation() {
    return Operation.COMPLETION;
  }

  @Override
  protected MockResponse answer() {
    return Fixtures.json("completion/hello");
  }

  @Override
  protected MockResponse streamedAnswer() {
    return Fixtures.sse("completion/hello");
  }

  @Override
  protected MockResponse error(int status, String message) {
    return LlamaCppChatContractTest.errorBody(status, message);
  }
}
