package dev.nexttoken.cohere;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.contract.ModelContractTest;
import dev.nexttoken.spi.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;

/** Core's provider contract, run against Cohere's {@code /v2/chat} wire format (chosen tokens only: no alternatives). */
class CohereContractTest extends ModelContractTest {
  @Override
  protected LanguageModel newModel(String baseUrl, String apiKey, RetrySettings retry) {
    return CohereModel.builder().apiKey(apiKey).baseUrl(baseUrl).retry(retry).build();
  }

  @Override
  protected Operation operation() {
    return Operation.CHAT;
  }

  @Override
  protected int topLogprobsForContract() {
    return 0;
  }

  @Override
  protected MockResponse answer() {
    return CohereTestSupport.json("chat/hello.json");
  }

  @Override
  protected MockResponse streamedAnswer() {
    return CohereTestSupport.sse("chat/hello.sse");
  }

  @Override
  protected MockResponse error(int status, String message) {
    // Cohere's documented error body: {"id", "message"}.
    Map<String, String> body = new LinkedHashMap<>();
    body.put("id", "0f3c9a6e-0000-4000-8000-00000000c" + status);
    body.put("message", message);
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body(new String(Json.write(body), java.nio.charset.StandardCharsets.UTF_8)).build();
  }
}
