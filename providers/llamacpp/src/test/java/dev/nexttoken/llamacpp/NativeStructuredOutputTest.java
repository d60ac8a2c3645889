package dev.nexttoken.llamacpp;

import static dev.nexttoken.llamacpp.Fixtures.assertBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.LogitBias;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.logprob.TokenCandidate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Native {@code /completion} with a response format and a logit bias: what is sent, and the JSON answer read back. */
class NativeStructuredOutputTest extends MockServerTest {
  /** Odd spacing and key order on purpose: the schema must reach the server exactly as given. */
  private static final String SCHEMA = "{\"type\": \"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
      + "\"country\":{\"type\":\"string\"},\"population\":{\"type\":\"integer\"},  \"capital\":{\"type\":\"boolean\"}},"
      + "\"required\":[\"city\",\"country\",\"population\",\"capital\"],\"additionalProperties\":false}";
  private static final ResponseFormat FORMAT = ResponseFormat.jsonSchema("city", SCHEMA);

  private static CompletionRequest.Builder city() {
    return CompletionRequest.builder("Describe Oslo as JSON").maxTokens(20).temperature(0.0);
  }

  @Test
  void aSchemaGoesOutAsJsonSchemaByteForByte() throws Exception {
    server.enqueue(Fixtures.json("completion/json-city"));

    model.complete(city().responseFormat(FORMAT).build());

    RecordedRequest request = server.takeRequest();
    assertBody("{\"prompt\":\"Describe Oslo as JSON\",\"n_predict\":20,\"temperature\":0.0,\"json_schema\":" + SCHEMA
        + ",\"stream\":false,\"cache_prompt\":true}", request);
    assertTrue(request.getBody().utf8().contains("\"json_schema\":" + SCHEMA), request.getBody()::utf8);
  }

  @Test
  void jsonObjectAsksForAnyObjectAndTextForNothing() throws Exception {
    server.enqueue(Fixtures.json("completion/json-city"));
    server.enqueue(Fixtures.json("completion/known"));

    model.complete(city().responseFormat(ResponseFormat.JSON_OBJECT).build());
    model.complete(city().responseFormat(ResponseFormat.TEXT).build());

    assertEquals(Fixtures.tree("{\"type\":\"object\"}"), Fixtures.tree(server.takeRequest().getBody().utf8()).get("json_schema"));
    assertFalse(Fixtures.tree(server.takeRequest().getBody().utf8()).has("json_schema"), "free text: no schema");
  }

  @Test
  void logitBiasGoesOutAsIdAndTextPairs() throws Exception {
    server.enqueue(Fixtures.json("completion/known"));
    Map<Integer, Double> byId = new LinkedHashMap<>();
    byId.put(263, -100.0);
    byId.put(7, 2.5);

    model.complete(CompletionRequest.builder("Weights and Biases is").logitBias(new LogitBias(byId, Map.of("the", 5.0)))
        .build());

    assertBody("""
        {"prompt":"Weights and Biases is","logit_bias":[[263,-100.0],[7,2.5],["the",5.0]],"stream":false,
         "cache_prompt":true}""", server.takeRequest());
  }

  @Test
  void aStructuredAnswerValidatesAndEachFieldHasTheLogprobOfItsValueTokens() {
    server.enqueue(Fixtures.json("completion/json-city"));

    Completion c = model.complete(city().responseFormat(FORMAT).topLogprobs(2).build());

    assertEquals(Map.of("city", "Oslo", "country", "Norway", "population", 709000, "capital", true), c.validatedJson(FORMAT));
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "eos"), c.finishReason());
    List<FieldConfidence> fields = FieldConfidence.of(c.text(), c.logprobs());
    assertEquals(List.of("$.city", "$.country", "$.population", "$.capital"), fields.stream().map(FieldConfidence::path).toList());
    // Each value is one token of the fixture; the structure tokens around it do not count.
    assertEquals(List.of(-0.7516652941703796, -0.24216681718826294, -0.7516785860061646, -0.4648248851299286),
        fields.stream().map(FieldConfidence::logprob).toList());
    assertEquals(List.of("Oslo"), fields.get(0).tokens().stream().map(t -> t.token()).toList());
    assertEquals(List.of("Oslo", "Bergen"), fields.get(0).alternativesAtFirstToken().stream().map(TokenCandidate::token).toList());
    assertEquals(fields, c.fieldConfidences());
  }

  @Test
  void aStreamedStructuredAnswerCollectsToTheBlockingOne() {
    server.enqueue(Fixtures.json("completion/json-city"));
    server.enqueue(Fixtures.sse("completion/json-city"));

    Completion whole = model.complete(city().responseFormat(FORMAT).topLogprobs(2).build());
    Completion collected;
    try (CompletionStream stream = model.completeStreaming(city().responseFormat(FORMAT).topLogprobs(2).build())) {
      collected = stream.collect();
    }

    assertEquals(whole, collected);
    assertEquals(whole.fieldConfidences(), collected.fieldConfidences());
  }

  @Test
  void declaresSchemasAndBiasByTextForCompletionOneAnswerAndNoStrictMode() {
    OperationCapabilities completion = model.capabilities().completion();
    assertEquals(StructuredOutput.JSON_SCHEMA, completion.structuredOutput());
    assertTrue(completion.logitBias() && completion.logitBiasByText());
    assertEquals(1, completion.maxChoices());
    assertFalse(completion.strictSchema());
    assertFalse(completion.reasoningEffort());
  }

  @Test
  void unsupportedOptionsAreRefusedBeforeAnythingIsSent() {
    assertRefused(UnsupportedCapabilityException.class, "choices", () -> model.complete(city().choices(2).build()));
    assertRefused(UnsupportedCapabilityException.class, "responseFormat",
        () -> model.complete(city().responseFormat(FORMAT.withStrict(true)).build()));
    assertRefused(UnsupportedCapabilityException.class, "reasoningEffort",
        () -> model.complete(city().reasoningEffort(ReasoningEffort.LOW).build()));
  }

  @Test
  void aBiasOnATokenOutsideTheKnownVocabularyIsRefusedBeforeAnythingIsSent() {
    // The server would silently ignore the id, so the bias would do nothing.
    try (LlamaCppModel sized = Fixtures.model(server).vocabularySize(585).build()) {
      LogitBias bias = LogitBias.ofTokenIds(Map.of(585, -100.0));
      RequestValidationException e = assertRefused(RequestValidationException.class, "logitBias",
          () -> sized.complete(city().logitBias(bias).build()));
      assertTrue(e.getMessage().contains("token 585") && e.getMessage().contains("0..584"), e.getMessage());
      assertRefused(RequestValidationException.class, "logitBias",
          () -> sized.completeStreaming(city().logitBias(bias).build()).close());
    }
  }

  private <T extends RequestValidationException> T assertRefused(Class<T> type, String field, Executable call) {
    T e = assertThrows(type, call);
    assertEquals(field, e.field());
    assertTrue(e.getMessage().contains("llamacpp"), e.getMessage());
    assertEquals(0, server.getRequestCount(), "nothing was sent");
    return e;
  }
}
