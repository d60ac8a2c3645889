package dev.nexttoken.ollama;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.contract.ModelContractTest;
import mockwebserver3.MockResponse;

/** Core's provider contract on Ollama's {@code /api/chat}, streamed as NDJSON exactly as Ollama frames it. */
class OllamaChatContractTest extends ModelContractTest {
  @Override
  protected LanguageModel newModel(String baseUrl, String apiKey, RetrySettings retry) {
    return OllamaModel.builder().baseUrl(baseUrl).apiKey(apiKey).retry(retry).model(OllamaTestSupport.MODEL).build();
  }

  @Override
  protected Operation operation() {
    return Operation.CHAT;
  }

  @Override
  protected MockResponse answer() {
    return OllamaTestSupport.json("chat/hello.json");
  }

  @Override
  protected MockResponse streamedAnswer() {
    return OllamaTestSupport.ndjson("chat/hello.ndjson");
  }

  @Override
  protected MockResponse error(int status, String message) {
    return OllamaTestSupport.error(status, message);
  }
}
