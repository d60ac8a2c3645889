package dev.nexttoken.cohere;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.contract.FaultContractTest;
import dev.nexttoken.contract.ModelContractTest;
import dev.nexttoken.spi.ModelBuilder;
import java.util.function.Consumer;

/** Core's fault suite on Cohere's {@code /v2/chat}. */
class CohereFaultTest extends FaultContractTest {
  @Override
  protected ModelContractTest contract() {
    return new CohereContractTest();
  }

  @Override
  protected LanguageModel newModel(String baseUrl, Consumer<ModelBuilder<?>> settings) {
    CohereModel.Builder builder = CohereModel.builder().baseUrl(baseUrl);
    settings.accept(builder);
    return builder.build();
  }
}
