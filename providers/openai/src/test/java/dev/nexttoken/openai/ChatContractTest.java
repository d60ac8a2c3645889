package dev.nexttoken.openai;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.contract.ModelContractTest;
import mockwebserver3.MockResponse;

/** Core's provider contract, run on the {@code /v1/chat/completions} route. */
class ChatContractTest extends ModelContractTest {
  @Override
  protected LanguageModel newModel(String baseUrl, String apiKey, RetrySettings retry) {
    return OpenAiContractFixtures.model(baseUrl, apiKey, retry, "gpt-4o-mini");
  }

  @Override
  protected Operation operation() {
    return Operation.CHAT;
  }

  @Override
  protected MockResponse answer() {
    return OpenAiFixtures.json(OpenAiFixtures.read("chat", "contract-hello.json"));
  }

  @Override
  protected MockResponse streamedAnswer() {
    return OpenAiFixtures.sse(OpenAiFixtures.read("chat", "contract-hello.sse"));
  }

  @Override
  protected MockResponse error(int status, String message) {
    return OpenAiContractFixtures.error(status, message);
  }
}
