package dev.nexttoken.cohere;

import static dev.nexttoken.cohere.CohereTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexttoken.Environment;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.error.AuthenticationException;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Builder and {@code fromEnv()}: key, base URL (API root, prefix kept), headers, default model. */
class CohereConfigTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void fromEnvReadsTheKeyAndApiRootFromTheEnvironment() throws Exception {
    Environment env = Environment.of(Map.of(), Map.of("CO_API_KEY", "env-key", "CO_API_URL", server.url("/").toString()));
    try (CohereModel model = CohereModel.fromEnv(env).build()) {
      server.enqueue(json("chat/plain.json"));
      model.chat("Hi");
    }
    RecordedRequest request = server.takeRequest();
    assertEquals("Bearer env-key", request.getHeaders().get("Authorization"));
    assertEquals("/v2/chat", request.getUrl().encodedPath());
  }

  @Test
  void aSystemPropertyBeatsTheEnvironmentVariable() throws Exception {
    Environment env = Environment.of(
        Map.of("cohere.apiKey", "property-key", "cohere.baseUrl", server.url("/proxy/cohere").toString()),
        Map.of("CO_API_KEY", "env-key", "CO_API_URL", "http://127.0.0.1:1/unused"));
    try (CohereModel model = CohereModel.fromEnv(env).build()) {
      server.enqueue(json("chat/plain.json"));
      model.chat("Hi");
    }
    RecordedRequest request = server.takeRequest();
    assertEquals("Bearer property-key", request.getHeaders().get("Authorization"));
    assertEquals("/proxy/cohere/v2/chat", request.getUrl().encodedPath(), "a path prefix in the base URL is kept");
  }

  @Test
  void withoutAKeyBuildFailsNamingTheVariable() {
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> CohereModel.fromEnv(Environment.of(Map.of(), Map.of())).build());
    assertEquals("cohere", e.provider());
    assertEquals(true, e.getMessage().contains("CO_API_KEY"));
  }

  @Test
  void clientNameIsSentAsXClientNameAndTheKeyStaysOutOfToString() throws Exception {
    try (CohereModel model = CohereTestSupport.builder(server).clientName("table-demo").build()) {
      server.enqueue(json("chat/plain.json"));
      model.chat("Hi");
      assertFalse(model.toString().contains(CohereTestSupport.KEY), model.toString());
    }
    assertEquals("table-demo", server.takeRequest().getHeaders().get("X-Client-Name"));
  }

  @Test
  void withoutClientNameNoHeaderIsSent() throws Exception {
    try (CohereModel model = CohereTestSupport.model(server)) {
      server.enqueue(json("chat/plain.json"));
      model.chat("Hi");
    }
    assertNull(server.takeRequest().getHeaders().get("X-Client-Name"));
  }

  @Test
  void defaultModelAppliesOnlyWhenNoneIsNamed() {
    try (CohereModel model = CohereTestSupport.model(server)) {
      assertEquals(CohereModel.DEFAULT_MODEL, model.defaults().model());
    }
    try (CohereModel model = CohereTestSupport.builder(server).defaults(GenerationOptions.builder().model("command-r7b-12-2024").maxTokens(5).build()).build()) {
      assertEquals("command-r7b-12-2024", model.defaults().model());
      assertEquals(5, model.defaults().maxTokens());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "https://api.cohere.com, https://api.cohere.com",
    "https://api.cohere.com/v1, https://api.cohere.com/",
    "https://api.cohere.ai/v1/, https://api.cohere.ai/",
    "https://gateway.example/cohere/v1, https://gateway.example/cohere/v1",
    "https://gateway.example/cohere, https://gateway.example/cohere",
  })
  void aTrailingV1IsDroppedOnlyOnCohereHosts(String given, String root) {
    assertEquals(root, CohereModel.Builder.apiRoot(given));
  }
}
