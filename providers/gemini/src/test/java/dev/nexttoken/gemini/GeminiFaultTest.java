package dev.nexttoken.gemini;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.contract.CredentialScheme;
import dev.nexttoken.contract.FaultContractTest;
import dev.nexttoken.contract.ModelContractTest;
import dev.nexttoken.spi.ModelBuilder;
import java.util.function.Consumer;

/** Core's fault suite on the Gemini API, the key in {@code x-goog-api-key}. */
class GeminiFaultTest extends FaultContractTest {
  @Override
  protected ModelContractTest contract() {
    return new GeminiContractTest();
  }

  @Override
  protected CredentialScheme scheme() {
    return CredentialScheme.apiKey(GeminiModel.API_KEY_HEADER, "");
  }

  @Override
  protected LanguageModel newModel(String baseUrl, Consumer<ModelBuilder<?>> settings) {
    GeminiModel.Builder builder = GeminiModel.builder().baseUrl(baseUrl + "v1beta");
    settings.accept(builder);
    return builder.build();
  }
}
