package dev.nexttoken.openai;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.contract.FaultContractTest;
import dev.nexttoken.contract.ModelContractTest;
import dev.nexttoken.spi.ModelBuilder;
import java.util.function.Consumer;

/** Core's fault suite on a vLLM server's {@code /v1/chat/completions}, its requests checked against the vLLM capabilities. */
class VllmChatFaultTest extends FaultContractTest {
  @Override
  protected ModelContractTest contract() {
    return new VllmChatContractTest();
  }

  @Override
  protected LanguageModel newModel(String baseUrl, Consumer<ModelBuilder<?>> settings) {
    OpenAiModel.Builder builder = OpenAiModel.vllm().baseUrl(baseUrl + "v1").model("Qwen/Qwen2.5-0.5B-Instruct");
    settings.accept(builder);
    return builder.build();
  }
}
