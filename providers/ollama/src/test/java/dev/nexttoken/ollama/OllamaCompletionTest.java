package dev.nexttoken.ollama;

import static dev.nexttoken.ollama.OllamaTestSupport.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Completion through {@code /api/generate}: the prompt continued as it is ({@code raw}). */
class OllamaCompletionTest extends OllamaServerTest {
  @Test
  void chosenTokensOnlyHaveEmptyAlternatives() throws Exception {
    server.enqueue(OllamaTestSupport.json("generate/logprobs.json"));

    Completion c = model.complete(CompletionRequest.builder("Weights and Biases is").topLogprobs(0).build());

    assertEquals(" the machine", c.text());
    assertEquals(List.of(" the", " machine"), c.logprobs().stream().map(TokenLogprob::token).toList());
    assertEquals(List.of(), c.logprobs().get(0).topLogprobs(), "top_logprobs 0: no alternatives, none asked for");
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "stop"), c.finishReason());
    assertEquals(Usage.of(5, 2), c.usage());
    JsonNode body = body(server.takeRequest());
    assertEquals("Weights and Biases is", body.get("prompt").asText());
    assertTrue(body.get("raw").asBoolean(), "completion continues the prompt as it is");
    assertEquals(false, body.get("stream").asBoolean());
    assertTrue(body.get("logprobs").asBoolean());
    assertNull(body.get("top_logprobs"));
    assertNull(body.get("messages"));
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void blockingAndStreamedAgree(boolean stream) throws Exception {
    CompletionRequest request = CompletionRequest.builder("Say").maxTokens(2).topLogprobs(2).build();
    Completion c;
    if (stream) {
      server.enqueue(OllamaTestSupport.ndjson("generate/hello.ndjson"));
      try (CompletionStream s = model.completeStreaming(request)) {
        c = s.collect();
      }
    } else {
      server.enqueue(OllamaTestSupport.json("generate/hello.json"));
      c = model.complete(request);
    }

    assertEquals("Hello world", c.text());
    assertEquals(2, c.logprobs().size());
    assertEquals(2, c.logprobs().get(1).topLogprobs().size());
    assertEquals(Usage.of(11, 2), c.usage());
    assertEquals("251000000", c.metadata().extras().get("total_duration"));
    RecordedRequest recorded = server.takeRequest();
    assertEquals("/api/generate", recorded.getUrl().encodedPath());
    JsonNode body = body(recorded);
    assertEquals(stream, body.get("stream").asBoolean());
    assertEquals(2, body.get("options").get("num_predict").asInt());
    assertEquals(2, body.get("top_logprobs").asInt());
  }
}
