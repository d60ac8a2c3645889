package dev.nexttoken.examples;

import static dev.nexttoken.examples.ExampleOutput.find;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples on the providers with no local server here, against MockWebServer with recorded
 * answers (fixtures copied from the CLI's tests): Gemini and the Responses API, which offer chat
 * only (SwitchProviders asks by chat and says so, the completion examples say they cannot complete
 * before sending anything), and vLLM. llama-server is no stand-in for vLLM: the vLLM dialect sends
 * {@code logprobs: 0} as asked, for which vLLM reports the chosen tokens and llama.cpp nothing.
 */
class RecordedProviderExamplesTest {
  private static final String GEMINI_KEY = "AIza-examples-SECRET";
  private static final String OPENAI_KEY = "sk-examples-SECRET";

  private final MockWebServer server = new MockWebServer();
  private Environment env;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.startsWith("/v1beta/models/") && path.endsWith(":generateContent")) {
          return json(fixture("gemini", "generate", "logprobs-top3.json"));
        }
        if (path.equals("/v1/responses")) {
          return json(fixture("openai-responses", "responses", "logprobs.json"));
        }
        if (path.equals("/vllm/v1/completions")) {
          return json(fixture("vllm", "completions", "extras.json"));
        }
        if (path.equals("/bare/v1/completions")) {
          // A server that ignores the request for logprobs (ours, written from the legacy format).
          return json("{\"id\":\"cmpl-bare\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\","
              + "\"choices\":[{\"text\":\" Paris.\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}],"
              + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}");
        }
        if (path.equals("/vllm/v1/chat/completions")) {
          return json(fixture("vllm", "chat", "extras.json"));
        }
        return new MockResponse.Builder().code(404).body("no route " + path).build();
      }
    });
    server.start();
    env = Environment.of(Map.of(
        "gemini.apiKey", GEMINI_KEY, "gemini.baseUrl", server.url("/v1beta").toString(),
        "openai.apiKey", OPENAI_KEY, "openai.baseUrl", server.url("/v1").toString(),
        "vllm.baseUrl", server.url("/vllm/v1").toString()), Map.of());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void switchingToGeminiSaysThereIsNoCompletionAndAsksByChat() throws InterruptedException {
    String output = ExampleOutput.of(out -> SwitchProviders.run("gemini", env, out));

    assertEquals("gemini", find(output, "^provider: (\\S+)$"), output);
    assertEquals("Gemini has no raw prompt continuation; use chat", find(output, "^no completion \\((.*)\\); asking by chat instead$"));
    assertEquals("20", find(output, "^alternatives per token: (\\d+)"), output);
    assertEquals("The sky is blue.", find(output, "^text: (.*)$"));
    assertEquals("\"The\" 0.990", find(output, "^tokens: (\\S+ \\S+)"), output);

    RecordedRequest request = onlyRequest();
    assertEquals("/v1beta/models/gemini-2.0-flash:generateContent", request.getUrl().encodedPath());
    assertEquals(GEMINI_KEY, request.getHeaders().get("x-goog-api-key"));
    String body = request.getBody().utf8();
    assertTrue(body.contains("\"role\":\"user\"") && body.contains(Quickstart.PROMPT), body);
    assertTrue(body.contains("\"maxOutputTokens\":" + Chat.MAX_TOKENS), body);
    assertFalse(output.contains(GEMINI_KEY), output);
  }

  @Test
  void switchingToTheResponsesApiSaysThereIsNoCompletionAndAsksByChat() throws InterruptedException {
    String output = ExampleOutput.of(out -> SwitchProviders.run("openai-responses", env, out));

    assertEquals("openai-responses", find(output, "^provider: (\\S+)$"), output);
    assertTrue(find(output, "^no completion \\((.*)\\); asking by chat instead$").startsWith("the Responses API continues no raw prompt"), output);
    assertEquals("20", find(output, "^alternatives per token: (\\d+)"), output);
    assertEquals("Paris.", find(output, "^text: (.*)$"));
    assertEquals("\"Paris\" 0.997  \".\" 0.980", find(output, "^tokens: (.*)$"), output);

    RecordedRequest request = onlyRequest();
    assertEquals("/v1/responses", request.getUrl().encodedPath());
    String body = request.getBody().utf8();
    assertTrue(body.contains("\"model\":\"" + ExampleModel.OPENAI_CHAT_MODEL + "\""), body);
    assertTrue(body.contains("\"max_output_tokens\":" + Chat.MAX_TOKENS), body);
    assertTrue(body.contains(Quickstart.PROMPT), body);
  }

  @Test
  void switchingToVllmCompletesThePrompt() throws InterruptedException {
    String output = ExampleOutput.of(out -> SwitchProviders.run("vllm", env, out));

    assertEquals("vllm", find(output, "^provider: (\\S+)$"), output);
    assertFalse(output.contains("no completion"), output);
    assertEquals("unlimited", find(output, "^alternatives per token: (\\w+)"), "the server's --max-logprobs is learned from its first refusal");
    assertEquals(" Paris.", find(output, "^text: (.*)$"));
    assertEquals("\" Paris\" 0.670  \".\" 0.407", find(output, "^tokens: (.*)$"), output);

    RecordedRequest request = onlyRequest();
    assertEquals("/vllm/v1/completions", request.getUrl().encodedPath());
    String body = request.getBody().utf8();
    assertTrue(body.contains("\"prompt\":\"" + Quickstart.PROMPT + "\""), body);
    assertTrue(body.contains("\"logprobs\":0"), "vLLM reports the chosen tokens for 0: " + body);
    assertFalse(body.contains("\"model\""), "without NEXTTOKEN_MODEL the server's one model answers: " + body);
  }

  @Test
  void anAnswerWithoutLogprobsIsPrintedWithoutTokens() {
    Environment bare = Environment.of(Map.of("vllm.baseUrl", server.url("/bare/v1").toString()), Map.of());

    String output = ExampleOutput.of(out -> SwitchProviders.run("vllm", bare, out));

    assertEquals(" Paris.", find(output, "^text: (.*)$"), output);
    assertEquals("", find(output, "^tokens:(.*)$").strip(), "no logprobs reported, none printed: " + output);
  }

  @Test
  void compareAsksTheseProvidersLikeTheOthers() {
    String output = ExampleOutput.of(out -> CompareProviders.run(List.of("gemini", "openai-responses", "vllm"), env, out));

    assertEquals("The sky is blue.", find(output, "^== gemini \\(\\d+ ms\\)\\n  text:   (.*)$"), output);
    assertEquals("2060 in, 5 out", find(output, "^== gemini .*\\n.*\\n  usage:  (.*)$"), output);
    assertEquals("Paris.", find(output, "^== openai-responses \\(\\d+ ms\\)\\n  text:   (.*)$"), output);
    assertEquals("Oui.", find(output, "^== vllm \\(\\d+ ms\\)\\n  text:   (.*)$"), output);
    assertFalse(output.contains("error:"), output);
    assertFalse(output.contains(GEMINI_KEY) || output.contains(OPENAI_KEY), "a key must never be printed:\n" + output);
    assertEquals(3, server.getRequestCount());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gemini", "openai-responses"})
  void completionExamplesSayTheyCannotCompleteBeforeSendingAnything(String provider) {
    Environment on = Environment.of(Map.of(
        "nexttoken.provider", provider,
        "gemini.apiKey", GEMINI_KEY, "gemini.baseUrl", server.url("/v1beta").toString(),
        "openai.apiKey", OPENAI_KEY, "openai.baseUrl", server.url("/v1").toString()), Map.of());

    String quickstart = ExampleOutput.of(out -> Quickstart.run(on, out));
    String tables = ExampleOutput.of(out -> ProbabilityTables.run(on, out));
    String streaming = ExampleOutput.of(out -> StreamingCancel.run(on, out));
    String walk = ExampleOutput.of(out -> Walk.run(on, out));

    String refusal = provider + " does not support completion";
    for (String output : List.of(quickstart, tables, streaming)) {
      assertTrue(find(output, "^cannot complete: (.*)$").startsWith(refusal), output);
    }
    assertTrue(find(walk, "^cannot walk: (.*)$").contains("needs text completion, which " + provider + " does not offer"), walk);
    assertEquals(0, server.getRequestCount(), "refused before sending");
  }

  private RecordedRequest onlyRequest() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "no request reached the server");
    assertEquals(1, server.getRequestCount());
    return request;
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static String fixture(String provider, String endpoint, String name) {
    String path = "/fixtures/" + provider + "/" + endpoint + "/" + name;
    try (InputStream in = RecordedProviderExamplesTest.class.getResourceAsStream(path)) {
      assertNotNull(in, "missing fixture " + path);
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
