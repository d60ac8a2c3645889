package dev.nexttoken.ollama;

import dev.nexttoken.Operation;
import mockwebserver3.MockResponse;

/** Core's provider contract on Ollama's {@code /api/generate} (completion). */
class OllamaCompletionContractTest extends OllamaChatContractTest {
  @Override
  protected Operation operation() {
    return Operation.COMPLETION;
  }

  @Override
  protected MockResponse answer() {
    return OllamaTestSupport.json("generate/hello.json");
  }

  @Override
  protected MockResponse streamedAnswer() {
    return OllamaTestSupport.ndjson("generate/hello.ndjson");
  }
}
