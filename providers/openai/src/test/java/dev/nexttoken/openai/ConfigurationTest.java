package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Environment;
import dev.nexttoken.ResponseMetadata;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Base URL, {@code fromEnv()}, headers sent and received, and the dialect. */
class ConfigurationTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/openai/v1", "/openai/v1/"})
  void aPathPrefixInTheBaseUrlIsKept(String path) {
    server.enqueue(json(read("chat", "logprobs.json")));
    try (OpenAiModel model = OpenAiModel.builder().baseUrl(server.url(path).toString()).model("gpt-4o-mini").build()) {
      model.chat("Hi");
    }
    assertEquals("/openai/v1/chat/completions", take(server).getUrl().encodedPath());
  }

  @Test
  void fromEnvReadsKeyBaseUrlOrganizationAndProjectWithPropertiesFirst() {
    Environment env = Environment.of(
        Map.of("openai.apiKey", "sk-from-property", "openai.projectId", "proj_property"),
        Map.of("OPENAI_API_KEY", "sk-from-env", "OPENAI_BASE_URL", server.url("/gw/v1").toString(),
            "OPENAI_ORG_ID", "org_env", "OPENAI_PROJECT_ID", "proj_env"));
    server.enqueue(json(read("chat", "logprobs.json")));

    try (OpenAiModel model = OpenAiModel.fromEnv(env).model("gpt-4o-mini").build()) {
      model.chat("Hi");
      assertFalse(model.toString().contains("sk-from-property"), model::toString);
    }

    RecordedRequest request = take(server);
    assertEquals("/gw/v1/chat/completions", request.getUrl().encodedPath());
    assertEquals("Bearer sk-from-property", request.getHeaders().get("Authorization"));
    assertEquals("org_env", request.getHeaders().get("OpenAI-Organization"));
    assertEquals("proj_property", request.getHeaders().get("OpenAI-Project"));
  }

  @Test
  void noOrganizationOrProjectHeaderUnlessSet() {
    server.enqueue(json(read("chat", "logprobs.json")));
    try (OpenAiModel model = OpenAiModel.fromEnv(Environment.of(Map.of(), Map.of()))
        .baseUrl(server.url("/v1").toString()).model("gpt-4o-mini").build()) {
      model.chat("Hi");
    }
    RecordedRequest request = take(server);
    assertNull(request.getHeaders().get("OpenAI-Organization"));
    assertNull(request.getHeaders().get("OpenAI-Project"));
    assertNull(request.getHeaders().get("Authorization"));
  }

  @Test
  void theDefaultIsOpenAiItself() {
    try (OpenAiModel model = OpenAiModel.builder().apiKey("sk-x").build()) {
      assertEquals(OpenAiDialect.OPENAI, model.dialect());
      assertTrue(model.toString().contains(OpenAiModel.DEFAULT_BASE_URL), model::toString);
    }
    try (OpenAiModel model = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).build()) {
      assertEquals(OpenAiDialect.COMPATIBLE, model.dialect());
    }
    try (OpenAiModel model = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).dialect(OpenAiDialect.OPENAI).build()) {
      assertEquals(OpenAiDialect.OPENAI, model.dialect());
    }
  }

  @Test
  void requestIdAndRateLimitHeadersReachTheMetadataStreamingOrNot() {
    MockResponse.Builder headers = new MockResponse.Builder()
        .setHeader("x-request-id", "req_123")
        .setHeader("x-ratelimit-remaining-tokens", "149984")
        .setHeader("x-ratelimit-reset-requests", "6m0s")
        .setHeader("openai-processing-ms", "12");
    server.enqueue(headers.setHeader("Content-Type", "application/json").body(read("chat", "logprobs.json")).build());
    server.enqueue(headers.setHeader("Content-Type", "text/event-stream").body(read("chat", "stream.sse")).build());

    Completion whole;
    Completion streamed;
    try (OpenAiModel model = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).model("gpt-4o-mini").build()) {
      whole = model.chat("Hi");
      try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Hi"))) {
        streamed = stream.collect();
      }
    }

    for (ResponseMetadata metadata : new ResponseMetadata[] {whole.metadata(), streamed.metadata()}) {
      assertEquals("req_123", metadata.requestId());
      assertEquals(Map.of("x-ratelimit-remaining-tokens", "149984", "x-ratelimit-reset-requests", "6m0s"), metadata.rateLimits());
    }
  }

  @Test
  void streamsCanLeaveOutTheUsageRequest() throws Exception {
    server.enqueue(sse(read("chat", "stream.sse")));
    try (OpenAiModel model = OpenAiModel.builder().baseUrl(server.url("/v1").toString()).model("gpt-4o-mini")
        .includeUsageInStreams(false).build();
        CompletionStream stream = model.chatStreaming(ChatRequest.of("Hi"))) {
      stream.collect();
    }
    var body = new ObjectMapper().readTree(take(server).getBody().utf8());
    assertTrue(body.get("stream").asBoolean());
    assertFalse(body.has("stream_options"), body::toString);
  }
}
