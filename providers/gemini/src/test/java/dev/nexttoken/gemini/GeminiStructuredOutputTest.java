package dev.nexttoken.gemini;

import static dev.nexttoken.gemini.GeminiTestSupport.body;
import static dev.nexttoken.gemini.GeminiTestSupport.json;
import static dev.nexttoken.gemini.GeminiTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Tool;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** JSON answers: {@code responseMimeType} and {@code responseJsonSchema} out, JSON text with per-value logprobs back. */
class GeminiStructuredOutputTest extends MockGeminiTest {
  private static final String SCHEMA = "{\"type\": \"object\",\n  \"properties\": {\"city\": {\"type\": \"string\"}, "
      + "\"celsius\": {\"type\": \"number\"}},\n  \"required\": [\"city\", \"celsius\"]}";

  @Test
  void aSchemaGoesAsResponseJsonSchemaExactlyAsWrittenWithTheJsonMimeType() throws Exception {
    server.enqueue(json("generate/structured-logprobs.json"));
    model.chat(ChatRequest.builder().user("Where is it warmest?").jsonSchema(SCHEMA).topLogprobs(1).build());

    RecordedRequest request = server.takeRequest();
    String raw = request.getBody().utf8();
    assertTrue(raw.contains("\"responseJsonSchema\":" + SCHEMA), "the schema's own bytes, newlines included: " + raw);
    assertEquals(tree("{'contents':[{'role':'user','parts':[{'text':'Where is it warmest?'}]}],"
        + "'generationConfig':{'responseLogprobs':true,'logprobs':1,'responseMimeType':'application/json',"
        + "'responseJsonSchema':" + SCHEMA.replace('"', '\'') + "}}"), body(request));
  }

  @Test
  void jsonWithoutASchemaIsTheMimeTypeAlone() throws Exception {
    server.enqueue(json("generate/hello.json"));
    model.chat(ChatRequest.builder().user("Answer in JSON").responseFormat(ResponseFormat.JSON_OBJECT).build());
    assertEquals(tree("{'responseMimeType':'application/json'}"), body(server.takeRequest()).get("generationConfig"));
  }

  @Test
  void plainTextSendsNoFormat() throws Exception {
    server.enqueue(json("generate/hello.json"));
    model.chat(ChatRequest.builder().user("Hi").responseFormat(ResponseFormat.TEXT).build());
    assertEquals(tree("{'contents':[{'role':'user','parts':[{'text':'Hi'}]}]}"), body(server.takeRequest()));
  }

  @Test
  void theAnswerIsTheJsonAndEachValueHasTheLogprobOfItsOwnTokens() {
    server.enqueue(json("generate/structured-logprobs.json"));
    Completion answer = model.chat(ChatRequest.builder().user("Where is it warmest?").jsonSchema(SCHEMA).topLogprobs(1).build());

    assertEquals(Map.of("city", "Oslo Centrum", "celsius", 4.5), answer.json());
    assertEquals(13, answer.logprobs().size());
    assertEquals(0.0, answer.logprobs().get(0).logprob(), "a forced token: proto3 leaves out its 0");
    List<FieldConfidence> fields = answer.fieldConfidences();
    assertEquals(List.of("$.city", "$.celsius"), fields.stream().map(FieldConfidence::path).toList());
    assertEquals(-0.1 - 0.02 - 1.2, fields.get(0).logprob(), 1e-12, "Os + lo + Centrum, not the quotes around them");
    assertEquals(List.of("Os", "lo", " Centrum"), fields.get(0).tokens().stream().map(TokenLogprob::token).toList());
    assertEquals(-0.3 - 0.05 - 0.9, fields.get(1).logprob(), 1e-12);
    assertEquals(" Centrum", fields.get(0).leastLikely().token());
  }

  @Test
  void aJsonAnswerWithToolsIsRefusedBeforeGemini3AndSentFromIt() throws Exception {
    ChatRequest.Builder request = ChatRequest.builder().user("Weather?").jsonSchema(SCHEMA)
        .tool(Tool.of("get_weather", "Current weather", "{\"type\":\"object\"}"));
    for (String older : List.of("gemini-2.0-flash", "gemini-2.5-pro")) {
      UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> model.chat(request.model(older).build()));
      assertEquals("responseFormat", e.field());
      assertTrue(e.getMessage().contains(older) && e.getMessage().contains("tools"), e.getMessage());
    }
    assertEquals(0, server.getRequestCount());

    server.enqueue(json("generate/hello.json"));
    model.chat(request.model("gemini-3-flash-preview").build());
    assertEquals("application/json", body(server.takeRequest()).get("generationConfig").get("responseMimeType").asText());
  }

  @Test
  void geminiHasNoStrictSchemaFlagSoStrictIsRefusedBeforeSending() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> model.chat(
        ChatRequest.builder().user("Hi").responseFormat(ResponseFormat.jsonSchema(SCHEMA).withStrict(true)).build()));
    assertEquals("responseFormat", e.field());
    assertEquals(0, server.getRequestCount());
  }
}
