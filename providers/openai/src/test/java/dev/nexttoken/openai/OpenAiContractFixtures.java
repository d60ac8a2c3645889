package dev.nexttoken.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.RetrySettings;
import mockwebserver3.MockResponse;

/** What both OpenAI contract runs share: the model under test and OpenAI's documented error body. */
final class OpenAiContractFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiContractFixtures() {}

  static LanguageModel model(String serverRoot, String apiKey, RetrySettings retry, String modelName) {
    return OpenAiModel.builder().baseUrl(serverRoot + "v1").apiKey(apiKey).retry(retry).model(modelName).build();
  }

  /** {@code {"error":{"message","type","param","code"}}}, with explicit nulls as OpenAI sends them. */
  static MockResponse error(int status, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error");
    error.putNull("param");
    if (status == 429) {
      error.put("code", "rate_limit_exceeded");
    } else {
      error.putNull("code");
    }
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .setHeader("x-request-id", "req_contract").body(root.toString()).build();
  }
}
