package dev.nexttoken.ollama;

import dev.nexttoken.Operation;
import dev.nexttoken.contract.ModelContractTest;
import mockwebserver3.MockResponse;

/** Core's fault suite on {@code /api/generate}, with the same NDJSON adjustments as {@link OllamaFaultTest}. */
class OllamaCompletionFaultTest extends OllamaFaultTest {
  @Override
  protected ModelContractTest contract() {
    return new SpacedCompletionStream();
  }

  /** The completion contract with a blank line after each streamed object. */
  static final class SpacedCompletionStream extends OllamaCompletionContractTest {
    @Override
    protected Operation operation() {
      return Operation.COMPLETION;
    }

    @Override
    protected MockResponse streamedAnswer() {
      return OllamaTestSupport.spacedNdjson("generate/hello.ndjson");
    }
  }
}
