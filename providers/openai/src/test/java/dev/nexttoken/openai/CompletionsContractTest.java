package dev.nexttoken.openai;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.contract.ModelContractTest;
import mockwebserver3.MockResponse;

/** Core's provider contract, run on the legacy {@code /v1/completions} route. */
class CompletionsContractTest extends ModelContractTest {
  @Override
  protected LanguageModel newModel(String baseUrl, String apiKey, RetrySettings retry) {
    return OpenAiContractFixtures.model(baseUrl, apiKey, retry, "gpt-3.5-turbo-instruct");
  }

  @Override
  protected Operation operation() {
    return Operation.COMPLETION;
  }

  @Override
  protected MockResponse answer() {
    return OpenAiFixtures.json(OpenAiFixtures.read("completions", "contract-hello.json"));
  }

  @Override
  protected MockResponse streamedAnswer() {
    return OpenAiFixtures.sse(OpenAiFixtures.read("completions", "contract-hello.sse"));
  }

  @Override
  protected MockResponse error(int status, String message) {
    return OpenAiContractFixtures.error(status, message);
  }
}
