package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Capabilities;
import dev.nexttoken.Environment;
import dev.nexttoken.OperationCapabilities;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The typed utility calls, capabilities and configuration of {@link LlamaCppModel}. */
class ServerCallsTest extends MockServerTest {
  @Test
  void tokenizeReadsStringAndByteArrayPieces() throws Exception {
    server.enqueue(Fixtures.json("tokenize/pieces"));

    List<Token> tokens = model.tokenize("Weights and Biases is é", true);

    Fixtures.assertBody("{\"content\":\"Weights and Biases is é\",\"with_pieces\":true}", server.takeRequest());
    assertEquals(new Token(259, " Weights", " Weights".getBytes(java.nio.charset.StandardCharsets.UTF_8)), tokens.get(0));
    // "é" is two byte-fallback tokens, each sent as a byte array because it is not UTF-8 alone.
    assertEquals(new Token(198, "", new byte[] {(byte) 0xC3}), tokens.get(5));
    assertEquals(new Token(172, "", new byte[] {(byte) 0xA9}), tokens.get(6));
  }

  @Test
  void tokenizeWithoutPiecesGivesIds() throws Exception {
    server.enqueue(new mockwebserver3.MockResponse.Builder().body("{\"tokens\":[259,260]}").build());

    assertEquals(List.of(new Token(259, null, null), new Token(260, null, null)), model.tokenize("Weights and", false));
    Fixtures.assertBody("{\"content\":\"Weights and\",\"with_pieces\":false}", server.takeRequest());
  }

  @Test
  void detokenizeSendsIds() throws Exception {
    server.enqueue(Fixtures.json("detokenize/ok"));

    assertEquals(" Weights and", model.detokenize(List.of(259, 260)));
    Fixtures.assertBody("{\"tokens\":[259,260]}", server.takeRequest());
  }

  @Test
  void healthIsReadyOrLoading() {
    server.enqueue(Fixtures.json("health/ok"));
    server.enqueue(Fixtures.json(503, "health/loading"));

    assertEquals(new Health(true, "ok"), model.health());
    assertEquals(new Health(false, "Loading model"), model.health());
  }

  @Test
  void propsReadsTheTypedSubset() throws Exception {
    server.enqueue(Fixtures.json("props/props"));

    ServerProps props = model.props();

    assertEquals(new ServerProps(1, "/models/known-answer.gguf",
        "{% for message in messages %}{{ message['content'] }}{% endfor %}", "b11669-Debian", 256), props);
    assertEquals("GET", server.takeRequest().getMethod());
  }

  @Test
  void vocabularySizeIsFetchedOnlyWhenAskedAndThenReported() throws Exception {
    assertNull(model.capabilities().vocabularySize(), "building a model sends nothing");
    assertEquals(0, server.getRequestCount());
    server.enqueue(Fixtures.json("models/models"));

    model.withServerInfo();

    assertEquals("/v1/models", server.takeRequest().getUrl().encodedPath());
    assertEquals(602, model.capabilities().vocabularySize());
  }

  @Test
  void modelsListsTheServedModel() {
    server.enqueue(Fixtures.json("models/models"));

    assertEquals(List.of(new ModelInfo("/models/known-answer.gguf", 602, 4096, 128, 232320L, 929280L)), model.models());
  }

  @Test
  void capabilitiesTellTheServersTruth() {
    Capabilities c = model.capabilities();

    assertEquals("llamacpp", c.provider());
    for (OperationCapabilities op : List.of(c.completion(), c.chat())) {
      assertTrue(op.supported() && op.streaming() && op.logprobs() && op.logprobsInStream());
      assertTrue(op.unlimitedTopLogprobs());
      assertTrue(op.tokenIds() && op.tokenBytes());
      assertTrue(!op.promptLogprobs(), "the server ignores echo");
    }
  }

  @Test
  void basePathPrefixIsKeptAndNoModelIsRequired() throws Exception {
    try (LlamaCppModel prefixed = LlamaCppModel.builder().baseUrl(server.url("/llama/").toString()).apiKey("local-key").build()) {
      server.enqueue(Fixtures.json("completion/known"));

      prefixed.complete("Weights and Biases is");

      RecordedRequest request = server.takeRequest();
      assertEquals("/llama/completion", request.getUrl().encodedPath());
      assertEquals("Bearer local-key", request.getHeaders().get("Authorization"));
      assertTrue(!prefixed.toString().contains("local-key"), prefixed::toString);
    }
  }

  @Test
  void fromEnvReadsUrlAndKeyWithPropertiesFirst() throws Exception {
    Environment env = Environment.of(
        Map.of("nexttoken.llama.url", server.url("/p/").toString()),
        Map.of("NEXTTOKEN_LLAMA_URL", "http://127.0.0.1:1/", "NEXTTOKEN_LLAMA_API_KEY", "env-key"));
    try (LlamaCppModel fromEnv = LlamaCppModel.fromEnv(env).build()) {
      server.enqueue(Fixtures.json("detokenize/ok"));

      fromEnv.detokenize(List.of(259));

      RecordedRequest request = server.takeRequest();
      assertEquals("/p/detokenize", request.getUrl().encodedPath());
      assertEquals("Bearer env-key", request.getHeaders().get("Authorization"));
    }
  }

  @Test
  void tokenBytesAreCopied() {
    byte[] bytes = {1, 2};
    Token t = new Token(1, "x", bytes);
    bytes[0] = 9;
    t.bytes()[1] = 9;
    assertArrayEquals(new byte[] {1, 2}, t.bytes());
  }
}
