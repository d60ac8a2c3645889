package dev.nexttoken.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Authentication;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Environment;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Building a model: base URL, {@code OLLAMA_HOST}, credentials, capabilities, the server's version. */
class OllamaConfigTest {
  private static Environment env(Map<String, String> variables) {
    return Environment.of(Map.of(), variables);
  }

  private static String baseUrlOf(OllamaModel.Builder builder) {
    try (OllamaModel model = builder.build()) {
      return model.toString().replaceAll(".*HttpTransport\\[ollama (\\S+) .*", "$1");
    }
  }

  @Test
  void defaultsToTheLocalServerWithoutACredential() {
    try (OllamaModel model = OllamaModel.builder().build()) {
      assertTrue(model.toString().contains("http://127.0.0.1:11434/"), model::toString);
      assertTrue(model.toString().contains(Authentication.none().toString()), model::toString);
    }
    assertEquals("http://127.0.0.1:11434/", baseUrlOf(OllamaModel.fromEnv(env(Map.of()))));
  }

  @ParameterizedTest(name = "OLLAMA_HOST={0}")
  @CsvSource(delimiter = '|', value = {
      "localhost                 | http://localhost:11434",
      "example.org:8080          | http://example.org:8080",
      "0.0.0.0                   | http://127.0.0.1:11434",
      "0.0.0.0:11435             | http://127.0.0.1:11435",
      ":11500                    | http://127.0.0.1:11500",
      "http://gpu-box            | http://gpu-box:80",
      "https://ollama.example    | https://ollama.example:443",
      "https://ollama.example/x  | https://ollama.example:443/x",
      "http://10.0.0.5:11434     | http://10.0.0.5:11434",
      "[::1]:11434               | http://[::1]:11434",
      "::1                       | http://[::1]:11434",
      "host:notaport             | http://host:11434",
      "'  127.0.0.1:9999  '      | http://127.0.0.1:9999"})
  void ollamaHostIsReadAsOllamaReadsIt(String host, String url) {
    assertEquals(url, OllamaModel.Builder.baseUrlOfHost(host));
  }

  @Test
  void aSystemPropertyBeatsTheVariable() {
    Environment e = Environment.of(Map.of("ollama.host", "prop-host:1"), Map.of("OLLAMA_HOST", "env-host:2"));
    assertEquals("http://prop-host:1/", baseUrlOf(OllamaModel.fromEnv(e)));
  }

  @Test
  void aTrailingApiIsDropped() {
    assertEquals("http://127.0.0.1:11434/", OllamaModel.Builder.serverRoot("http://127.0.0.1:11434/api"));
    assertEquals("https://ollama.com/", OllamaModel.Builder.serverRoot("https://ollama.com/api/"));
    assertEquals("http://proxy/ollama/", OllamaModel.Builder.serverRoot("http://proxy/ollama/"));
  }

  @Test
  void anApiKeyFromTheEnvironmentGoesAsBearer() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(OllamaTestSupport.json("chat/hello.json"));
      Environment e = env(Map.of("OLLAMA_HOST", server.url("/").toString(), "OLLAMA_API_KEY", "ollama-cloud-key-1"));
      try (OllamaModel model = OllamaModel.fromEnv(e).model("gpt-oss:20b").build()) {
        model.chat(ChatRequest.of("Hi"));
        assertFalse(model.toString().contains("ollama-cloud-key-1"), model::toString);
      }
      RecordedRequest request = server.takeRequest();
      assertEquals("Bearer ollama-cloud-key-1", request.getHeaders().get("Authorization"));
    }
  }

  @Test
  void aKeyOverPlainHttpToAnotherHostIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OllamaModel.builder().baseUrl("http://gpu-box:11434").apiKey("k-123456").build());
    assertTrue(e.getMessage().contains("plain http"), e::getMessage);
    // Without a key, plain http anywhere is fine: that is how Ollama is usually served.
    OllamaModel.builder().baseUrl("http://gpu-box:11434").build().close();
  }

  @Test
  void serverVersion() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(OllamaTestSupport.jsonBody(200, "{\"version\":\"0.12.11\"}"));
      try (OllamaModel model = OllamaTestSupport.model(server)) {
        assertEquals("0.12.11", model.serverVersion());
      }
      RecordedRequest request = server.takeRequest();
      assertEquals("GET", request.getMethod());
      assertEquals("/api/version", request.getUrl().encodedPath());
    }
  }

  @Test
  void capabilitiesByOperation() {
    try (OllamaModel model = OllamaModel.builder().build()) {
      for (Operation operation : Operation.values()) {
        OperationCapabilities op = model.capabilities().of(operation);
        assertTrue(op.supported() && op.streaming() && op.logprobs() && op.logprobsInStream() && op.tokenBytes(), operation::name);
        assertEquals(20, op.maxTopLogprobs(), "top_logprobs 0-20");
        assertFalse(op.tokenIds(), "Ollama sends no token ids");
        assertFalse(op.promptLogprobs());
      }
      assertFalse(model.capabilities().scoring().supported());
    }
  }

  @Test
  void moreThanTwentyAlternativesFailBeforeSending() {
    try (OllamaModel model = OllamaModel.builder().baseUrl("http://127.0.0.1:9").model("m").build()) {
      UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
          () -> model.chat(ChatRequest.builder().user("Hi").topLogprobs(21).build()));
      assertTrue(e.getMessage().contains("20"), e::getMessage);
    }
  }

  @Test
  void noDefaultModel() {
    try (OllamaModel model = OllamaModel.builder().build()) {
      assertNull(model.defaults().model());
    }
  }
}
