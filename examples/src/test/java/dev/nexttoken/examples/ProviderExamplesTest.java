package dev.nexttoken.examples;

import static dev.nexttoken.examples.ExampleOutput.find;
import static dev.nexttoken.examples.ExampleOutput.greedyText;
import static dev.nexttoken.examples.ExampleOutput.localEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Environment;
import dev.nexttoken.Operation;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The examples that choose between providers. With no keys they must say what they skip; the
 * OpenAI adapter runs for real against the shared llama-server's OpenAI-compatible routes, so the
 * same code is seen giving the same answer through two providers. Gemini, the Responses API and
 * vLLM run on recorded answers in {@link RecordedProviderExamplesTest}.
 */
@ExtendWith(LlamaServerExtension.class)
class ProviderExamplesTest {

  /** The shared server as an "OpenAI" endpoint: llama-server speaks the protocol under /v1. */
  private static Environment withOpenAi(LlamaServer server, String... more) {
    String[] all = new String[more.length + 2];
    all[0] = "openai.baseUrl";
    all[1] = server.baseUrl() + "/v1";
    System.arraycopy(more, 0, all, 2, more.length);
    return localEnvironment(server, all);
  }

  @Test
  void switchingProvidersRunsTheSameCodeWithTheSameAnswer(LlamaServer server, KnownAnswerModel model) {
    Environment env = withOpenAi(server);
    String llama = ExampleOutput.of(out -> SwitchProviders.run("llamacpp", env, out));
    String openai = ExampleOutput.of(out -> SwitchProviders.run("openai", env, out));

    assertEquals("llamacpp", find(llama, "^provider: (\\S+)$"));
    assertEquals("openai", find(openai, "^provider: (\\S+)$"));
    assertEquals("5", find(openai, "^alternatives per token: (\\d+)"), openai);
    String expected = greedyText(model, Quickstart.PROMPT, Chat.MAX_TOKENS);
    assertEquals(expected, find(llama, "^text: (.*)$"), llama);
    assertEquals(expected, find(openai, "^text: (.*)$"), openai);
    assertFalse(llama.contains("no completion") || openai.contains("no completion"));
  }

  @Test
  void switchingToAProviderWithoutItsKeySaysWhatToSet(LlamaServer server) {
    String output = ExampleOutput.of(out -> SwitchProviders.run("cohere", localEnvironment(server), out));
    String gemini = ExampleOutput.of(out -> SwitchProviders.run("gemini", localEnvironment(server), out));
    String vllm = ExampleOutput.of(out -> SwitchProviders.run("vllm", localEnvironment(server), out));

    assertEquals("cohere: set CO_API_KEY", output.strip());
    assertEquals("gemini: set GEMINI_API_KEY (or GOOGLE_API_KEY)", gemini.strip());
    assertEquals("vllm: set VLLM_BASE_URL (your vLLM server, up to /v1)", vllm.strip());
  }

  @Test
  void compareWithoutKeysSkipsTheHostedProvidersAndRunsTheLocalOne(LlamaServer server, KnownAnswerModel model) {
    String output = ExampleOutput.of(out -> CompareProviders.run(CompareProviders.ALL, localEnvironment(server), out));

    assertTrue(output.contains("skipped openai: set OPENAI_API_KEY"), output);
    assertTrue(output.contains("skipped openai-responses: set OPENAI_API_KEY"), output);
    assertTrue(output.contains("skipped cohere: set CO_API_KEY"), output);
    assertTrue(output.contains("skipped gemini: set GEMINI_API_KEY (or GOOGLE_API_KEY)"), output);
    assertTrue(output.contains("skipped ollama: set NEXTTOKEN_MODEL or NEXTTOKEN_OLLAMA_MODEL"), output);
    assertTrue(output.contains("skipped vllm: set VLLM_BASE_URL"), output);
    assertEquals(greedyText(model, Quickstart.PROMPT, Chat.MAX_TOKENS),
        find(output, "^== llamacpp \\(\\d+ ms\\)\\n  text:   (.*)$"), output);
    assertFalse(output.contains("error:"), output);
  }

  @Test
  void compareShowsAFailingProviderWithoutStoppingTheOthers(LlamaServer server, KnownAnswerModel model) {
    // Cohere with a key but nobody listening: its column shows the error, the other two still answer.
    Environment env = withOpenAi(server, "cohere.apiKey", "test-key", "cohere.baseUrl", "http://127.0.0.1:" + unusedPort());
    String output = ExampleOutput.of(out -> CompareProviders.run(List.of("llamacpp", "openai", "cohere"), env, out));

    String expected = greedyText(model, Quickstart.PROMPT, Chat.MAX_TOKENS);
    assertEquals(expected, find(output, "^== llamacpp .*\\n  text:   (.*)$"), output);
    assertEquals(expected, find(output, "^== openai .*\\n  text:   (.*)$"), output);
    assertEquals("ConnectionException", find(output, "^== cohere .*\\n  error: (\\w+):"), output);
    assertFalse(output.contains("test-key"), "the key must never be printed:\n" + output);
  }

  @Test
  void anUnknownProviderIsRefusedWithTheChoices() {
    Environment env = Environment.of(Map.of("nexttoken.provider", "anthropic"), Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExampleModel.open(Operation.CHAT, env));
    assertTrue(e.getMessage().endsWith("use llamacpp, openai, openai-responses, cohere, gemini, ollama or vllm"), e.getMessage());
  }

  @Test
  void theProviderComesFromTheEnvironmentAndAMissingKeyIsNamed() {
    Environment env = Environment.of(Map.of(), Map.of("NEXTTOKEN_PROVIDER", "OpenAI"));
    assertEquals("openai", ExampleModel.provider(env));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExampleModel.open(Operation.CHAT, env));
    assertTrue(e.getMessage().startsWith("openai: set OPENAI_API_KEY"), e.getMessage());
    assertEquals("set CO_API_KEY", ExampleModel.missingSetting(" Cohere", env));
    assertNull(ExampleModel.missingSetting("llamacpp", env));
    assertEquals("set NEXTTOKEN_MODEL or NEXTTOKEN_OLLAMA_MODEL (Ollama serves many models and has no default)",
        ExampleModel.missingSetting("ollama", env));
    assertEquals("set OPENAI_API_KEY (or OPENAI_BASE_URL for a server with /v1/responses)", ExampleModel.missingSetting("OpenAI-Responses", env));
    assertEquals("set GEMINI_API_KEY (or GOOGLE_API_KEY)", ExampleModel.missingSetting("gemini", env));
    assertEquals("set VLLM_BASE_URL (your vLLM server, up to /v1)", ExampleModel.missingSetting("vllm", env));
    assertEquals(List.of("llamacpp", "openai", "openai-responses", "cohere", "gemini", "ollama", "vllm"), CompareProviders.ALL);
  }

  @Test
  void eachProvidersOwnSettingIsEnough() {
    Environment env = Environment.of(Map.of(), Map.of(
        "GOOGLE_API_KEY", "AIza-test", "OPENAI_API_KEY", "sk-test", "NEXTTOKEN_OLLAMA_MODEL", "llama3.2:1b",
        "VLLM_BASE_URL", "http://127.0.0.1:8000/v1"));
    for (String provider : List.of("gemini", "openai-responses", "ollama", "vllm")) {
      assertNull(ExampleModel.missingSetting(provider, env), provider);
    }
    assertEquals("gemini", ExampleModel.provider(Environment.of(Map.of(), Map.of("NEXTTOKEN_PROVIDER", "Gemini"))));
  }

  private static int unusedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
