package dev.nexttoken.llamacpp;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.contract.FaultContractTest;
import dev.nexttoken.contract.ModelContractTest;
import dev.nexttoken.spi.ModelBuilder;
import java.util.function.Consumer;

/** Core's fault suite on native {@code /completion}. */
class LlamaCppCompletionFaultTest extends FaultContractTest {
  @Override
  protected ModelContractTest contract() {
    return new LlamaCppCompletionContractTest();
  }

  @Override
  protected LanguageModel newModel(String baseUrl, Consumer<ModelBuilder<?>> settings) {
    LlamaCppModel.Builder builder = LlamaCppModel.builder().baseUrl(baseUrl);
    settings.accept(builder);
    return builder.build();
  }
}
