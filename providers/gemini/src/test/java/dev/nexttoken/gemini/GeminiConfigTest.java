package dev.nexttoken.gemini;

import static dev.nexttoken.gemini.GeminiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Environment;
import dev.nexttoken.error.AuthenticationException;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Builder and {@code fromEnv()}: the key's variables and header, the base URL, the default model. */
class GeminiConfigTest {
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

  private RecordedRequest callWith(Environment env) throws Exception {
    try (GeminiModel model = GeminiModel.fromEnv(env).build()) {
      server.enqueue(json("generate/hello.json"));
      model.chat("Hi");
    }
    return server.takeRequest();
  }

  @Test
  void fromEnvReadsGeminiApiKeyAndTheBaseUrl() throws Exception {
    RecordedRequest request = callWith(Environment.of(Map.of(),
        Map.of("GEMINI_API_KEY", "gemini-key", "GOOGLE_API_KEY", "google-key", "GEMINI_BASE_URL", server.url("/v1beta").toString())));
    assertEquals("gemini-key", request.getHeaders().get("x-goog-api-key"));
    assertEquals("/v1beta/models/" + GeminiModel.DEFAULT_MODEL + ":generateContent", request.getUrl().encodedPath());
  }

  @Test
  void googleApiKeyIsTheFallback() throws Exception {
    RecordedRequest request = callWith(Environment.of(Map.of(),
        Map.of("GOOGLE_API_KEY", "google-key", "GEMINI_BASE_URL", server.url("/v1beta").toString())));
    assertEquals("google-key", request.getHeaders().get("x-goog-api-key"));
  }

  @Test
  void aSystemPropertyBeatsTheEnvironmentVariables() throws Exception {
    RecordedRequest request = callWith(Environment.of(
        Map.of("gemini.apiKey", "property-key", "gemini.baseUrl", server.url("/v1beta").toString()),
        Map.of("GEMINI_API_KEY", "env-key", "GEMINI_BASE_URL", "https://unused.invalid/v1beta")));
    assertEquals("property-key", request.getHeaders().get("x-goog-api-key"));
  }

  @Test
  void noKeyFailsAtBuildNamingTheVariables() {
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> GeminiModel.fromEnv(Environment.of(Map.of(), Map.of())).build());
    assertTrue(e.getMessage().contains("GEMINI_API_KEY"), e.getMessage());
    assertTrue(e.getMessage().contains("GOOGLE_API_KEY"), e.getMessage());
  }

  @Test
  void theKeyIsInNoStringTheModelShows() {
    try (GeminiModel model = GeminiModel.builder().apiKey("AIza-secret-123").build()) {
      assertFalse(model.toString().contains("AIza-secret-123"), model::toString);
      assertEquals(GeminiModel.DEFAULT_MODEL, model.defaults().model());
      assertEquals("gemini", model.provider());
    }
  }
}
