package dev.nexttoken.openai;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.contract.FaultContractTest;
import dev.nexttoken.contract.ModelContractTest;
import dev.nexttoken.spi.ModelBuilder;
import java.util.function.Consumer;

/** Core's fault suite on the {@code /v1/chat/completions} route. */
class ChatFaultTest extends FaultContractTest {
  @Override
  protected ModelContractTest contract() {
    return new ChatContractTest();
  }

  @Override
  protected LanguageModel newModel(String baseUrl, Consumer<ModelBuilder<?>> settings) {
    OpenAiModel.Builder builder = OpenAiModel.builder().baseUrl(baseUrl + "v1").model("gpt-4o-mini");
    settings.accept(builder);
    return builder.build();
  }
}
