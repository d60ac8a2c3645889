package dev.nexttoken.opentelemetry;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Every attribute, value and instrument name this module writes. The {@code gen_ai.*},
 * {@code server.*}, {@code error.type}, {@code http.*} and {@code url.*} names are the semantic
 * conventions' (the GenAI ones as semconv-java 1.45 generates them; they have their own repository,
 * semantic-conventions-genai, since semconv 1.42), copied rather than imported, as OpenTelemetry's
 * own instrumentation does: the generated GenAI constants are an alpha artifact, marked deprecated
 * since the move, that a library should not ship against. {@code GenAiAttributesTest} checks each
 * copied name and type against that artifact. The
 * {@code nexttoken.*} names are this SDK's own, for what only it knows (logprobs, attempts).
 */
final class GenAiAttributes {
  static final AttributeKey<String> OPERATION_NAME = stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER_NAME = stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");
  static final AttributeKey<Long> REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Double> REQUEST_TEMPERATURE = doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Double> REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");
  /** A double in the conventions, though every provider takes an integer. */
  static final AttributeKey<Double> REQUEST_TOP_K = doubleKey("gen_ai.request.top_k");
  static final AttributeKey<Long> REQUEST_SEED = longKey("gen_ai.request.seed");
  static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES = stringArrayKey("gen_ai.request.stop_sequences");
  static final AttributeKey<Long> REQUEST_CHOICE_COUNT = longKey("gen_ai.request.choice.count");
  static final AttributeKey<Boolean> REQUEST_STREAM = booleanKey("gen_ai.request.stream");
  static final AttributeKey<String> OUTPUT_TYPE = stringKey("gen_ai.output.type");

  static final AttributeKey<String> RESPONSE_MODEL = stringKey("gen_ai.response.model");
  static final AttributeKey<String> RESPONSE_ID = stringKey("gen_ai.response.id");
  static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS = stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Double> RESPONSE_TIME_TO_FIRST_CHUNK = doubleKey("gen_ai.response.time_to_first_chunk");

  static final AttributeKey<Long> USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS = longKey("gen_ai.usage.cache_read.input_tokens");
  static final AttributeKey<Long> USAGE_REASONING_OUTPUT_TOKENS = longKey("gen_ai.usage.reasoning.output_tokens");
  static final AttributeKey<String> TOKEN_TYPE = stringKey("gen_ai.token.type");

  /** Opt-in content, as the conventions' JSON (a JSON string: the Java API has no structured attribute). */
  static final AttributeKey<String> INPUT_MESSAGES = stringKey("gen_ai.input.messages");
  static final AttributeKey<String> OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");

  static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
  static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  static final AttributeKey<String> HTTP_REQUEST_METHOD = stringKey("http.request.method");
  static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = longKey("http.request.resend_count");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = longKey("http.response.status_code");
  static final AttributeKey<String> URL_FULL = stringKey("url.full");

  /** The SDK's own provider name, where it differs from {@link #PROVIDER_NAME} ({@code openai-responses}, {@code llamacpp}). */
  static final AttributeKey<String> NEXTTOKEN_PROVIDER = stringKey("nexttoken.provider");
  static final AttributeKey<Long> REQUEST_TOP_LOGPROBS = longKey("nexttoken.request.top_logprobs");
  /** Tokens of the answer (or scored text) that carry a logprob. */
  static final AttributeKey<Long> LOGPROB_TOKENS = longKey("nexttoken.logprob.tokens");
  static final AttributeKey<Double> LOGPROB_MEAN = doubleKey("nexttoken.logprob.mean");
  /** The probability of the least likely chosen token: how close the answer came to going another way. */
  static final AttributeKey<Double> LOGPROB_MIN_PROBABILITY = doubleKey("nexttoken.logprob.min_probability");
  static final AttributeKey<Double> PERPLEXITY = doubleKey("nexttoken.perplexity");
  static final AttributeKey<Long> ATTEMPTS = longKey("nexttoken.attempts");
  static final AttributeKey<Boolean> STREAM_CANCELLED = booleanKey("nexttoken.stream.cancelled");
  static final AttributeKey<Boolean> ERROR_RETRYABLE = booleanKey("nexttoken.error.retryable");
  static final AttributeKey<String> ERROR_CODE = stringKey("nexttoken.error.code");
  static final AttributeKey<Double> ATTEMPT_DURATION = doubleKey("nexttoken.http.duration");

  static final String CHAT = "chat";
  static final String TEXT_COMPLETION = "text_completion";
  /** Not a value the conventions define (they have none for scoring a given text): this SDK's, documented. */
  static final String SCORE = "score";
  static final String TOKEN_INPUT = "input";
  static final String TOKEN_OUTPUT = "output";
  static final String OUTPUT_TEXT = "text";
  static final String OUTPUT_JSON = "json";

  /** One span event per HTTP attempt, retries included. */
  static final String ATTEMPT_EVENT = "nexttoken.http.attempt";

  static final String DURATION_METRIC = "gen_ai.client.operation.duration";
  static final String TOKEN_USAGE_METRIC = "gen_ai.client.token.usage";
  static final String TIME_TO_FIRST_CHUNK_METRIC = "gen_ai.client.operation.time_to_first_chunk";

  private GenAiAttributes() {}
}
