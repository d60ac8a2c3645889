package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sent;
import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Structured output on {@code POST /v1/responses}: {@code text.format} as the spec writes it, a JSON
 * answer with its logprobs (forced tokens at 0.0) and the per-field confidence they give, blocking
 * and streamed alike.
 */
class ResponsesStructuredOutputTest extends ResponsesServerTest {
  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"temp\":{\"type\":\"integer\"}},"
      + "\"required\":[\"city\",\"temp\"],\"additionalProperties\":false}";

  @Override
  protected String defaultModel() {
    return "gpt-4o-mini";
  }

  static ChatRequest weather() {
    return ChatRequest.builder().user("Weather in Paris, as JSON.").topLogprobs(2)
        .responseFormat(ResponseFormat.jsonSchema("weather", SCHEMA).withStrict(true)).build();
  }

  @Test
  void sendsTheSchemaAsAFlatTextFormatAndReadsTheJsonWithItsLogprobs() {
    server.enqueue(json(read("responses", "structured.json")));

    Completion completion = model.chat(weather());

    RecordedRequest request = take(server);
    assertBody(read("responses", "request-structured.json"), request);
    assertTrue(request.getBody().utf8().contains("\"schema\":" + SCHEMA + ","), "the schema text as given");
    assertEquals("{\"city\":\"Paris\",\"temp\":18}", completion.text());
    assertEquals(Map.of("city", "Paris", "temp", 18), completion.json());
    assertEquals(9, completion.logprobs().size());
    assertEquals(0.0, completion.logprobs().get(0).logprob(), "a token the schema forces");
    assertEquals(-19.5, completion.logprobs().get(0).topLogprobs().get(1).logprob(), "its alternatives are still the model's");

    List<FieldConfidence> fields = completion.fieldConfidences();
    assertEquals(List.of("$.city", "$.temp"), fields.stream().map(FieldConfidence::path).toList());
    assertEquals(-0.012, fields.get(0).logprob(), 1e-12);
    assertEquals(List.of("Paris"), fields.get(0).tokens().stream().map(TokenLogprob::token).toList());
    assertEquals(-0.71, fields.get(1).logprob(), 1e-12);
    assertEquals("17", fields.get(1).alternativesAtFirstToken().get(1).token());
  }

  @Test
  void aStreamedJsonAnswerCollectsToTheBlockingOneAndTheSameConfidences() {
    server.enqueue(json(read("responses", "structured.json")));
    server.enqueue(sse(read("responses", "stream-structured.sse")));

    Completion blocking = model.chat(weather());
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(weather())) {
      collected = stream.collect();
    }

    assertEquals(blocking.text(), collected.text());
    assertEquals(blocking.logprobs(), collected.logprobs(), "bytes derived from the streamed token text");
    assertEquals(blocking.fieldConfidences(), collected.fieldConfidences());
    assertEquals(blocking.finishReason(), collected.finishReason());
    assertEquals(blocking.usage(), collected.usage());
  }

  @Test
  void jsonModeTextAndALaxSchemaAreWrittenAsTheSpecNamesThem() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(read("responses", "structured.json")));
    }

    model.chat(ChatRequest.builder().user("Weather in Paris, as JSON.").responseFormat(ResponseFormat.JSON_OBJECT).build());
    model.chat(ChatRequest.builder().user("Weather in Paris.").responseFormat(ResponseFormat.TEXT).build());
    model.chat(ChatRequest.builder().user("Weather in Paris, as JSON.").jsonSchema(SCHEMA).build());

    assertEquals("{\"format\":{\"type\":\"json_object\"}}", sent(take(server)).get("text").toString());
    assertEquals("{\"format\":{\"type\":\"text\"}}", sent(take(server)).get("text").toString());
    assertEquals("{\"format\":{\"type\":\"json_schema\",\"name\":\"response\",\"schema\":" + SCHEMA + "}}",
        sent(take(server)).get("text").toString(), "the default name; strict left to OpenAI when not set");
  }

  @Test
  void withoutAFormatNoneIsSent() {
    server.enqueue(json(read("responses", "structured.json")));

    model.chat(ChatRequest.builder().user("Weather in Paris.").build());

    assertNull(sent(take(server)).get("text"));
  }

  @Test
  void aModelWithJsonModeOnlyIsRefusedASchemaBeforeSendingAndTakesJsonMode() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().model("gpt-4-turbo").user("Weather?").jsonSchema(SCHEMA).build()));

    assertEquals("responseFormat", e.field());
    assertEquals(0, server.getRequestCount());

    server.enqueue(json(read("responses", "structured.json")));
    model.chat(ChatRequest.builder().model("gpt-4-turbo").user("Weather, as JSON?").responseFormat(ResponseFormat.JSON_OBJECT).build());
    assertEquals(1, server.getRequestCount());
  }
}
