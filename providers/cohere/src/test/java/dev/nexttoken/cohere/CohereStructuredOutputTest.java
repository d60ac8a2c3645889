package dev.nexttoken.cohere;

import static dev.nexttoken.cohere.CohereTestSupport.body;
import static dev.nexttoken.cohere.CohereTestSupport.json;
import static dev.nexttoken.cohere.CohereTestSupport.sse;
import static dev.nexttoken.cohere.CohereTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** {@code response_format} on {@code /v2/chat}, and a JSON answer's logprobs read per field. */
class CohereStructuredOutputTest extends MockCohereTest {
  /** Written with spacing and key order a re-serialisation would not keep. */
  private static final String CITY_SCHEMA = "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}, "
      + "\"population\": {\"type\": \"integer\"}},  \"required\": [\"city\", \"population\"]}";

  private static ChatRequest cityRequest() {
    return ChatRequest.builder().user("Reply in JSON: the largest city of Norway and its population.")
        .jsonSchema(CITY_SCHEMA).topLogprobs(0).build();
  }

  @Test
  void aSchemaIsSentAsJsonObjectWithTheSchemaExactlyAsGiven() throws Exception {
    server.enqueue(json("chat/structured.json"));
    model.chat(cityRequest());

    RecordedRequest request = server.takeRequest();
    String raw = request.getBody().utf8();
    assertTrue(raw.contains("\"json_schema\":" + CITY_SCHEMA), () -> "the schema is written as given: " + raw);
    assertEquals(tree("{'type':'json_object','json_schema':" + CITY_SCHEMA.replace('"', '\'') + "}"),
        body(request).get("response_format"), "Cohere has no schema name: none is sent");
  }

  @Test
  void jsonModeHasNoSchemaAndTextIsLeftOut() throws Exception {
    server.enqueue(json("chat/structured.json"));
    server.enqueue(json("chat/plain.json"));
    model.chat(ChatRequest.builder().user("Reply in JSON.").responseFormat(ResponseFormat.JSON_OBJECT).build());
    model.chat(ChatRequest.builder().user("Hi").responseFormat(ResponseFormat.TEXT).build());

    assertEquals(tree("{'type':'json_object'}"), body(server.takeRequest()).get("response_format"));
    assertFalse(body(server.takeRequest()).has("response_format"), "text is Cohere's default");
  }

  @Test
  void theJsonAnswerCarriesItsLogprobsAndEachFieldItsConfidence() {
    server.enqueue(json("chat/structured.json"));
    Completion answer = model.chat(cityRequest());

    assertEquals("{\"city\": \"Oslo\", \"population\": 709000}", answer.text());
    assertEquals(Map.of("city", "Oslo", "population", 709000), answer.json());
    assertEquals(10, answer.logprobs().size());
    assertEquals(answer.text(), answer.logprobs().stream().map(TokenLogprob::token).reduce("", String::concat));

    List<FieldConfidence> fields = answer.fieldConfidences();
    assertEquals(List.of("$.city", "$.population"), fields.stream().map(FieldConfidence::path).toList());
    assertEquals(-0.21, fields.get(0).logprob(), 1e-12, "only the value's token, not the keys or quotes around it");
    assertEquals(List.of(new TokenLogprob("Oslo", null, 57302, -0.21, null)), fields.get(0).tokens());
    assertEquals(-1.65, fields.get(1).logprob(), 1e-12, "709 and 000");
    assertEquals(new TokenLogprob("709", null, 25361, -1.6, null), fields.get(1).leastLikely());
  }

  @Test
  void theCollectedStreamEqualsTheBlockingAnswer() {
    server.enqueue(json("chat/structured.json"));
    server.enqueue(sse("chat/structured.sse"));
    Completion whole = model.chat(cityRequest());
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(cityRequest())) {
      collected = stream.collect();
    }
    assertEquals(whole, collected);
    assertEquals(whole.fieldConfidences(), collected.fieldConfidences());
  }
}
