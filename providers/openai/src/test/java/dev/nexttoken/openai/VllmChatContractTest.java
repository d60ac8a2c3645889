package dev.nexttoken.openai;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.contract.ModelContractTest;
import mockwebserver3.MockResponse;

/** Core's provider contract, run on a vLLM server's {@code /v1/chat/completions}. */
class VllmChatContractTest extends ModelContractTest {
  @Override
  protected LanguageModel newModel(String baseUrl, String apiKey, RetrySettings retry) {
    return VllmContractFixtures.model(baseUrl, apiKey, retry, "Qwen/Qwen2.5-0.5B-Instruct");
  }

  @Override
  protected Operation operation() {
    return Operation.CHAT;
  }

  @Override
  protected MockResponse answer() {
    return OpenAiFixtures.json(OpenAiFixtures.vllm("chat", "contract-hello.json"));
  }

  @Override
  protected MockResponse streamedAnswer() {
    return OpenAiFixtures.sse(OpenAiFixtures.vllm("chat", "contract-hello.sse"));
  }

  @Override
  protected MockResponse error(int status, String message) {
    return VllmContractFixtures.error(status, message);
  }
}
