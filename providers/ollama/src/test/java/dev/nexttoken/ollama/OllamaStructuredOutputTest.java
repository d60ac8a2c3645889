package dev.nexttoken.ollama;

import static dev.nexttoken.ollama.OllamaTestSupport.body;
import static dev.nexttoken.ollama.OllamaTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.spi.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code format}: a schema or any JSON, on both routes; a JSON answer's logprobs read per field. */
class OllamaStructuredOutputTest extends OllamaServerTest {
  static final String SCHEMA = "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}, \"temp\": {\"type\": \"number\"},"
      + " \"sunny\": {\"type\": \"boolean\"}}, \"required\": [\"city\", \"temp\", \"sunny\"]}";
  static final ChatRequest ASK = ChatRequest.builder().user("Weather in Oslo as JSON.").jsonSchema(SCHEMA).topLogprobs(2).build();

  private Completion answer(boolean stream) {
    return answer("structured", stream, ASK);
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void theSchemaIsTheFormatExactlyAsGiven(boolean stream) throws Exception {
    answer(stream);

    RecordedRequest recorded = server.takeRequest();
    assertTrue(recorded.getBody().string(StandardCharsets.UTF_8).contains("\"format\":" + SCHEMA), "the schema's own text");
    JsonNode body = body(recorded);
    assertEquals(Json.mapper().readTree(SCHEMA), body.get("format"));
    assertEquals(stream, body.get("stream").asBoolean());
  }

  @Test
  void anyJsonIsFormatJson() throws Exception {
    server.enqueue(json("chat/structured.json"));

    model.chat(ChatRequest.builder().user("JSON please").responseFormat(ResponseFormat.JSON_OBJECT).build());

    JsonNode format = body(server.takeRequest()).get("format");
    assertTrue(format.isTextual());
    assertEquals("json", format.asText());
  }

  @Test
  void plainTextSendsNoFormat() throws Exception {
    server.enqueue(json("chat/hello.json"));

    model.chat(ChatRequest.builder().user("Hi").responseFormat(ResponseFormat.TEXT).build());

    assertEquals(null, body(server.takeRequest()).get("format"));
  }

  @Test
  void generateTakesTheSchemaToo() throws Exception {
    server.enqueue(json("generate/hello.json"));

    model.complete(CompletionRequest.builder("{\"city\": ").jsonSchema(SCHEMA).build());

    RecordedRequest recorded = server.takeRequest();
    assertEquals("/api/generate", recorded.getUrl().encodedPath());
    assertEquals(Json.mapper().readTree(SCHEMA), body(recorded).get("format"));
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void eachValuesConfidenceIsTheSumOfItsTokens(boolean stream) {
    Completion c = answer(stream);

    assertEquals(Map.of("city", "Oslo", "temp", -3.5, "sunny", false), c.json());
    List<FieldConfidence> fields = c.fieldConfidences();
    assertEquals(List.of("$.city", "$.temp", "$.sunny"), fields.stream().map(FieldConfidence::path).toList());
    assertEquals(-0.41, fields.get(0).logprob(), 1e-9, "\"Os\" + \"lo\"; the quotes are structure");
    assertEquals(-3.2, fields.get(1).logprob(), 1e-9, "\" -\" + \"3\" + \".\" + \"5\"");
    assertEquals(-0.22, fields.get(2).logprob(), 1e-9);
    assertEquals(List.of("Ber", "St"), fields.get(0).alternativesAtFirstToken().stream().skip(1).map(t -> t.token()).toList());
  }

  @Test
  void aCollectedStreamEqualsTheBlockingAnswer() {
    Completion whole = answer(false);
    Completion collected = answer(true);

    assertEquals(whole.text(), collected.text());
    assertEquals(whole.logprobs(), collected.logprobs());
    assertEquals(whole.finishReason(), collected.finishReason());
  }
}
