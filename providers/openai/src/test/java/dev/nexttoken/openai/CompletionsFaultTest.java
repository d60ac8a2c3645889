package dev.nexttoken.openai;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.contract.FaultContractTest;
import dev.nexttoken.contract.ModelContractTest;
import dev.nexttoken.spi.ModelBuilder;
import java.util.function.Consumer;

/** Core's fault suite on the {@code legacy /v1/completions} route. */
class CompletionsFaultTest extends FaultContractTest {
  @Override
  protected ModelContractTest contract() {
    return new CompletionsContractTest();
  }

  @Override
  protected LanguageModel newModel(String baseUrl, Consumer<ModelBuilder<?>> settings) {
    OpenAiModel.Builder builder = OpenAiModel.builder().baseUrl(baseUrl + "v1").model("gpt-3.5-turbo-instruct");
    settings.accept(builder);
    return builder.build();
  }
}
