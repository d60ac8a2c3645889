package dev.nexttoken.llamacpp;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.contract.ModelContractTest;
import dev.nexttoken.spi.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.MockResponse;

/** Core's provider contract, for {@code /v1/chat/completions}. */
class LlamaCppChatContractTest extends ModelContractTest {
  @Override
  protected LanguageModel newModel(String baseUrl, String apiKey, RetrySettings retry) {
    return LlamaCppModel.builder().baseUrl(baseUrl).apiKey(apiKey).retry(retry).build();
  }

  @Override
  protected Operation operation() {
    return Operation.CHAT;
  }

  @Override
  protected MockResponse answer() {
    return Fixtures.json("chat/hello");
  }

  @Override
  protected MockResponse streamedAnswer() {
    return Fixtures.sse("chat/hello");
  }

  @Override
  protected MockResponse error(int status, String message) {
    return errorBody(status, message);
  }

  /** llama-server's error body (§3.6): an integer code equal to the status, a message and a type. */
  static MockResponse errorBody(int status, String message) {
    String type = switch (status) {
      case 400, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 503 -> "unavailable_error";
      default -> "server_error";
    };
    byte[] body = Json.write(Map.of("error", Map.of("code", status, "message", message, "type", type)));
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=utf-8")
        .body(new String(body, StandardCharsets.UTF_8)).build();
  }
}
