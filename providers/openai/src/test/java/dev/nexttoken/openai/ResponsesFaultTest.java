package dev.nexttoken.openai;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.contract.FaultContractTest;
import dev.nexttoken.contract.ModelContractTest;
import dev.nexttoken.spi.ModelBuilder;
import java.util.function.Consumer;

/** Core's fault suite on the Responses API. */
class ResponsesFaultTest extends FaultContractTest {
  @Override
  protected ModelContractTest contract() {
    return new ResponsesContractTest();
  }

  @Override
  protected LanguageModel newModel(String baseUrl, Consumer<ModelBuilder<?>> settings) {
    OpenAiResponsesModel.Builder builder = OpenAiResponsesModel.builder().baseUrl(baseUrl + "v1").model("gpt-4o-mini");
    settings.accept(builder);
    return builder.build();
  }
}
