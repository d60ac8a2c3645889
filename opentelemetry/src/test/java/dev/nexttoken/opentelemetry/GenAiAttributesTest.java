package dev.nexttoken.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiOperationNameIncubatingValues;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiProviderNameIncubatingValues;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiTokenTypeIncubatingValues;
import io.opentelemetry.semconv.incubating.GenAiIncubatingMetrics;
import io.opentelemetry.semconv.incubating.HttpIncubatingAttributes;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The names this module copied, name and type, against the conventions' own generated constants
 * (semconv-java 1.45): a renamed attribute in a later convention shows up here when the test
 * dependency is raised. ({@code gen_ai.input.messages} and {@code gen_ai.output.messages} are of
 * type "any", which the generated Java constants leave out.) Since semconv 1.42 the GenAI
 * conventions live in their own repository, and semconv-java marks its generated {@code gen_ai.*}
 * keys deprecated as moved, names unchanged; hence the suppression.
 */
@SuppressWarnings("deprecation")
class GenAiAttributesTest {
  static Stream<Arguments> copiedKeys() {
    return Stream.of(
        Arguments.of(GenAiAttributes.OPERATION_NAME, GenAiIncubatingAttributes.GEN_AI_OPERATION_NAME),
        Arguments.of(GenAiAttributes.PROVIDER_NAME, GenAiIncubatingAttributes.GEN_AI_PROVIDER_NAME),
        Arguments.of(GenAiAttributes.REQUEST_MODEL, GenAiIncubatingAttributes.GEN_AI_REQUEST_MODEL),
        Arguments.of(GenAiAttributes.REQUEST_MAX_TOKENS, GenAiIncubatingAttributes.GEN_AI_REQUEST_MAX_TOKENS),
        Arguments.of(GenAiAttributes.REQUEST_TEMPERATURE, GenAiIncubatingAttributes.GEN_AI_REQUEST_TEMPERATURE),
        Arguments.of(GenAiAttributes.REQUEST_TOP_P, GenAiIncubatingAttributes.GEN_AI_REQUEST_TOP_P),
        Arguments.of(GenAiAttributes.REQUEST_TOP_K, GenAiIncubatingAttributes.GEN_AI_REQUEST_TOP_K),
        Arguments.of(GenAiAttributes.REQUEST_SEED, GenAiIncubatingAttributes.GEN_AI_REQUEST_SEED),
        Arguments.of(GenAiAttributes.REQUEST_STOP_SEQUENCES, GenAiIncubatingAttributes.GEN_AI_REQUEST_STOP_SEQUENCES),
        Arguments.of(GenAiAttributes.REQUEST_CHOICE_COUNT, GenAiIncubatingAttributes.GEN_AI_REQUEST_CHOICE_COUNT),
        Arguments.of(GenAiAttributes.REQUEST_STREAM, GenAiIncubatingAttributes.GEN_AI_REQUEST_STREAM),
        Arguments.of(GenAiAttributes.OUTPUT_TYPE, GenAiIncubatingAttributes.GEN_AI_OUTPUT_TYPE),
        Arguments.of(GenAiAttributes.RESPONSE_MODEL, GenAiIncubatingAttributes.GEN_AI_RESPONSE_MODEL),
        Arguments.of(GenAiAttributes.RESPONSE_ID, GenAiIncubatingAttributes.GEN_AI_RESPONSE_ID),
        Arguments.of(GenAiAttributes.RESPONSE_FINISH_REASONS, GenAiIncubatingAttributes.GEN_AI_RESPONSE_FINISH_REASONS),
        Arguments.of(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK, GenAiIncubatingAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK),
        Arguments.of(GenAiAttributes.USAGE_INPUT_TOKENS, GenAiIncubatingAttributes.GEN_AI_USAGE_INPUT_TOKENS),
        Arguments.of(GenAiAttributes.USAGE_OUTPUT_TOKENS, GenAiIncubatingAttributes.GEN_AI_USAGE_OUTPUT_TOKENS),
        Arguments.of(GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS, GenAiIncubatingAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS),
        Arguments.of(GenAiAttributes.USAGE_REASONING_OUTPUT_TOKENS, GenAiIncubatingAttributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS),
        Arguments.of(GenAiAttributes.TOKEN_TYPE, GenAiIncubatingAttributes.GEN_AI_TOKEN_TYPE),
        Arguments.of(GenAiAttributes.SERVER_ADDRESS, ServerAttributes.SERVER_ADDRESS),
        Arguments.of(GenAiAttributes.SERVER_PORT, ServerAttributes.SERVER_PORT),
        Arguments.of(GenAiAttributes.ERROR_TYPE, ErrorAttributes.ERROR_TYPE),
        Arguments.of(GenAiAttributes.HTTP_REQUEST_METHOD, HttpAttributes.HTTP_REQUEST_METHOD),
        Arguments.of(GenAiAttributes.HTTP_RESPONSE_STATUS_CODE, HttpAttributes.HTTP_RESPONSE_STATUS_CODE),
        Arguments.of(GenAiAttributes.HTTP_REQUEST_RESEND_COUNT, HttpIncubatingAttributes.HTTP_REQUEST_RESEND_COUNT),
        Arguments.of(GenAiAttributes.URL_FULL, UrlAttributes.URL_FULL));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("copiedKeys")
  void eachCopiedKeyIsTheConventionsKey(AttributeKey<?> ours, AttributeKey<?> conventions) {
    assertEquals(conventions.getKey(), ours.getKey());
    assertEquals(conventions.getType(), ours.getType());
  }

  @Test
  void valuesAndMetricNamesAreTheConventions() {
    assertEquals(GenAiOperationNameIncubatingValues.CHAT, GenAiAttributes.CHAT);
    assertEquals(GenAiOperationNameIncubatingValues.TEXT_COMPLETION, GenAiAttributes.TEXT_COMPLETION);
    assertEquals(GenAiTokenTypeIncubatingValues.INPUT, GenAiAttributes.TOKEN_INPUT);
    assertEquals(GenAiTokenTypeIncubatingValues.OUTPUT, GenAiAttributes.TOKEN_OUTPUT);
    assertEquals(GenAiIncubatingMetrics.GEN_AI_CLIENT_OPERATION_DURATION_NAME, GenAiAttributes.DURATION_METRIC);
    assertEquals(GenAiIncubatingMetrics.GEN_AI_CLIENT_TOKEN_USAGE_NAME, GenAiAttributes.TOKEN_USAGE_METRIC);
    assertEquals(GenAiIncubatingMetrics.GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK_NAME, GenAiAttributes.TIME_TO_FIRST_CHUNK_METRIC);
  }

  @Test
  void scoringIsNoOperationTheConventionsDefine() {
    // If a later convention defines one, SCORE should become it.
    for (String defined : List.of(GenAiOperationNameIncubatingValues.CHAT, GenAiOperationNameIncubatingValues.TEXT_COMPLETION,
        GenAiOperationNameIncubatingValues.GENERATE_CONTENT, GenAiOperationNameIncubatingValues.EMBEDDINGS)) {
      org.junit.jupiter.api.Assertions.assertNotEquals(defined, GenAiAttributes.SCORE);
    }
  }

  static Stream<Arguments> providers() {
    return Stream.of(
        Arguments.of("openai", "https://api.openai.com/v1", GenAiProviderNameIncubatingValues.OPENAI),
        Arguments.of("openai-responses", "https://api.openai.com/v1", GenAiProviderNameIncubatingValues.OPENAI),
        Arguments.of("openai", "https://example.openai.azure.com/openai/v1", GenAiProviderNameIncubatingValues.AZURE_AI_OPENAI),
        Arguments.of("cohere", "https://api.cohere.com", GenAiProviderNameIncubatingValues.COHERE),
        Arguments.of("gemini", "https://generativelanguage.googleapis.com/v1beta", GenAiProviderNameIncubatingValues.GCP_GEMINI),
        Arguments.of("gemini", "https://us-central1-aiplatform.googleapis.com/v1", GenAiProviderNameIncubatingValues.GCP_VERTEX_AI),
        Arguments.of("llamacpp", "http://127.0.0.1:8080", "llamacpp"),
        Arguments.of("ollama", "http://127.0.0.1:11434", "ollama"),
        Arguments.of("vllm", "http://127.0.0.1:8000/v1", "vllm"));
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("providers")
  void providerNamesAreTheWellKnownValuesWhereOneApplies(String provider, String baseUrl, String expected) {
    assertEquals(expected, ProviderNames.of(provider, HttpUrl.get(baseUrl)));
  }
}
