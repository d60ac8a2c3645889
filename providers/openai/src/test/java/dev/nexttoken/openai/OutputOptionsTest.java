package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sent;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.ContentPart;
import dev.nexttoken.ImagePart;
import dev.nexttoken.LogitBias;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Structured output, images, reasoning effort and logit bias on {@code /v1/chat/completions}, as the request carries them. */
class OutputOptionsTest extends OpenAiServerTest {
  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
      + "\"units\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]}},\"required\":[\"city\",\"units\"],\"additionalProperties\":false}";

  /**
   * The schema goes in {@code response_format.json_schema} as written; the answer's forced tokens
   * (logprob 0.0, wire-formats-2 §5.5) count for no value, so each field's confidence is that of
   * its own tokens.
   */
  @Test
  void aStrictSchemaIsSentAsDocumentedAndEachFieldHasItsTokensConfidence() {
    server.enqueue(json(read("chat", "structured-logprobs.json")));

    Completion answer = openAi.chat(ChatRequest.builder().user("Weather in Oslo, as JSON.")
        .responseFormat(ResponseFormat.jsonSchema("weather", SCHEMA).withStrict(true)).topLogprobs(2).build());

    RecordedRequest request = take(server);
    assertBody(read("chat", "request-structured.json"), request);
    assertTrue(request.getBody().utf8().contains("\"schema\":" + SCHEMA), "the schema text itself is sent");
    assertEquals(Map.of("city", "Oslo", "units", "c"), answer.json());
    List<FieldConfidence> fields = answer.fieldConfidences();
    assertEquals(List.of("$.city", "$.units"), fields.stream().map(FieldConfidence::path).toList());
    assertEquals(-0.26, fields.get(0).logprob(), 1e-12);
    assertEquals(List.of("Os", "lo"), fields.get(0).tokens().stream().map(TokenLogprob::token).toList());
    assertEquals(-0.6, fields.get(1).logprob(), 1e-12);
    assertEquals("f", fields.get(1).alternativesAtFirstToken().get(1).token());
  }

  @Test
  void jsonModeIsTheJsonObjectFormat() {
    server.enqueue(json(read("chat", "structured-logprobs.json")));

    openAi.chat(ChatRequest.builder().user("JSON please").responseFormat(ResponseFormat.JSON_OBJECT).build());

    assertEquals("{\"type\":\"json_object\"}", sent(take(server)).get("response_format").toString());
  }

  /** Text and images make content parts; a message without images stays a plain string. */
  @Test
  void imagesGoAsContentPartsUrlsAsGivenAndBytesAsDataUrls() {
    server.enqueue(json(read("chat", "tool-answer.json")));
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    openAi.chat(ChatRequest.builder().system("Describe images in one line.")
        .user(ContentPart.text("What is in these two pictures?"), ImagePart.url("https://example.com/cat.png"),
            ImagePart.bytes(png, "image/png"))
        .build());

    assertBody(read("chat", "request-image.json"), take(server));
  }

  @Test
  void reasoningEffortNAndLogitBiasAreSentUnderTheirWireNames() {
    server.enqueue(json(read("chat", "tool-answer.json")));
    server.enqueue(json(read("chat", "tool-answer.json")));
    Map<Integer, Double> bias = new LinkedHashMap<>();
    bias.put(50256, -100.0);
    bias.put(15339, 5.0);

    openAi.chat(ChatRequest.builder().model("o3").user("Think.").reasoningEffort(ReasoningEffort.HIGH).build());
    openAi.chat(ChatRequest.builder().user("Two answers").choices(2).logitBias(LogitBias.ofTokenIds(bias)).build());

    assertEquals("high", sent(take(server)).get("reasoning_effort").asText());
    JsonNode body = sent(take(server));
    assertEquals(2, body.get("n").asInt());
    assertEquals("{\"50256\":-100.0,\"15339\":5.0}", body.get("logit_bias").toString());
  }
}
