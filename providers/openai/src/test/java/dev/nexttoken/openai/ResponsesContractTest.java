package dev.nexttoken.openai;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.contract.ModelContractTest;
import mockwebserver3.MockResponse;

/** Core's provider contract, run on the Responses API ({@code POST /v1/responses}). */
class ResponsesContractTest extends ModelContractTest {
  @Override
  protected LanguageModel newModel(String baseUrl, String apiKey, RetrySettings retry) {
    return OpenAiResponsesModel.builder().baseUrl(baseUrl + "v1").apiKey(apiKey).retry(retry).model("gpt-4o-mini").build();
  }

  @Override
  protected Operation operation() {
    return Operation.CHAT;
  }

  @Override
  protected MockResponse answer() {
    return OpenAiFixtures.json(OpenAiFixtures.read("responses", "contract-hello.json"));
  }

  @Override
  protected MockResponse streamedAnswer() {
    return OpenAiFixtures.sse(OpenAiFixtures.read("responses", "contract-hello.sse"));
  }

  /** The Responses API's HTTP errors use the chat completions body. */
  @Override
  protected MockResponse error(int status, String message) {
    return OpenAiContractFixtures.error(status, message);
  }
}
