package dev.nexttoken.gemini;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.contract.CredentialScheme;
import dev.nexttoken.contract.ModelContractTest;
import mockwebserver3.MockResponse;

/** Core's provider contract, run against the Gemini API's wire format (key in {@code x-goog-api-key}). */
class GeminiContractTest extends ModelContractTest {
  @Override
  protected LanguageModel newModel(String baseUrl, String apiKey, RetrySettings retry) {
    return GeminiModel.builder().apiKey(apiKey).baseUrl(baseUrl + "v1beta").retry(retry).build();
  }

  @Override
  protected CredentialScheme scheme() {
    return CredentialScheme.apiKey(GeminiModel.API_KEY_HEADER, "");
  }

  @Override
  protected Operation operation() {
    return Operation.CHAT;
  }

  @Override
  protected MockResponse answer() {
    return GeminiTestSupport.json("generate/hello.json");
  }

  @Override
  protected MockResponse streamedAnswer() {
    return GeminiTestSupport.sse("stream/hello.sse");
  }

  @Override
  protected MockResponse error(int status, String message) {
    return GeminiTestSupport.error(status, "INVALID_ARGUMENT", message);
  }
}
