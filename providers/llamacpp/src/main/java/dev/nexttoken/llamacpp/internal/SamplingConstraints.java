package dev.nexttoken.llamacpp.internal;

import dev.nexttoken.LogitBias;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.RequestValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What narrows the tokens llama-server may sample, in its native form: a JSON schema, which the server turns into a
 * grammar, and {@code logit_bias} pairs.
 *
 * <p>Both act on sampling only. The probabilities the server reports stay the model's own softmax before the
 * grammar and the bias (unless {@code post_sampling_probs}), so a constrained answer's logprobs are what the model
 * would have given those tokens unconstrained.
 */
public final class SamplingConstraints {
  /**
   * The schema sent for {@link ResponseFormat.Type#JSON_OBJECT}: the server has no JSON mode of its own, and the
   * empty schema {@code {}} would also allow a bare string or number.
   */
  static final String ANY_OBJECT = "{\"type\":\"object\"}";

  private static final String PROVIDER = "llamacpp";

  private SamplingConstraints() {}

  /** The {@code json_schema} value as JSON text for {@code format}, or null when the answer is free text. */
  static String jsonSchema(ResponseFormat format) {
    if (format == null) {
      return null;
    }
    return switch (format.type()) {
      case TEXT -> null;
      case JSON_OBJECT -> ANY_OBJECT;
      case JSON_SCHEMA -> format.schema();
    };
  }

  /**
   * {@code bias} as llama.cpp's {@code [[id, bias], ["text", bias]]} pairs, ids first, or null. The server tokenizes
   * each string itself, as {@code /tokenize} would (a SentencePiece model puts a space in front: {@code "the"}
   * biases the token {@code " the"}), and gives every one of its tokens the bias.
   */
  static List<List<Object>> logitBias(LogitBias bias) {
    if (bias == null) {
      return null;
    }
    List<List<Object>> pairs = new ArrayList<>(bias.byTokenId().size() + bias.byText().size());
    for (Map.Entry<Integer, Double> e : bias.byTokenId().entrySet()) {
      pairs.add(List.of(e.getKey(), e.getValue()));
    }
    for (Map.Entry<String, Double> e : bias.byText().entrySet()) {
      pairs.add(List.of(e.getKey(), e.getValue()));
    }
    return pairs;
  }

  /**
   * Refuses a token id the model does not have, when its vocabulary size is known: the server silently ignores
   * such an id, so the bias would do nothing.
   *
   * @throws RequestValidationException naming the id and the vocabulary
   */
  public static void checkTokenIds(LogitBias bias, Integer vocabularySize) {
    if (bias == null || vocabularySize == null) {
      return;
    }
    for (int id : bias.byTokenId().keySet()) {
      if (id >= vocabularySize) {
        throw new RequestValidationException("logitBias names token " + id + ", outside the model's vocabulary (ids 0.."
            + (vocabularySize - 1) + "); " + PROVIDER + " would ignore it", "logitBias", ErrorDetails.of(PROVIDER));
      }
    }
  }
}
