package dev.nexttoken.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.RetrySettings;
import mockwebserver3.MockResponse;

/** What the vLLM contract runs share: the model under test and vLLM's error body. */
final class VllmContractFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VllmContractFixtures() {}

  static LanguageModel model(String serverRoot, String apiKey, RetrySettings retry, String modelName) {
    return OpenAiModel.vllm().baseUrl(serverRoot + "v1").apiKey(apiKey).retry(retry).model(modelName).build();
  }

  /**
   * vLLM's error body since v0.10.1: {@code {"error":{"message","type","param","code"}}} with the
   * status as an integer code and the exception's class name as the type (wire-formats-2 §4.4).
   */
  static MockResponse error(int status, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", switch (status) {
      case 400, 422 -> "BadRequestError";
      case 401 -> "Unauthorized";
      case 404 -> "NotFoundError";
      case 429 -> "TooManyRequests";
      default -> status >= 500 ? "InternalServerError" : "Error";
    });
    error.putNull("param");
    error.put("code", status);
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(root.toString()).build();
  }
}
