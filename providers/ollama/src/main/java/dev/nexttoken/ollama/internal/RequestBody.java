package dev.nexttoken.ollama.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The JSON body of {@code POST /api/chat} (with {@code messages}) or {@code POST /api/generate}
 * (with {@code prompt} and {@code raw}); a null field is not sent, so Ollama's default applies.
 *
 * @param stream always sent: Ollama streams unless told {@code false}, so a blocking call must say so
 * @param raw sent as {@code true} with a prompt: the prompt is continued as it is, without the model's template
 * @param logprobs sent only as {@code true}, when any logprobs were asked for
 * @param topLogprobs sent only when alternatives were asked for (Ollama's default 0 is the chosen token only)
 */
public record RequestBody(
    String model,
    List<WireMessage> messages,
    String prompt,
    Boolean raw,
    boolean stream,
    Boolean logprobs,
    @JsonProperty("top_logprobs") Integer topLogprobs,
    Options options) {

  /** One message; roles {@code system}, {@code user}, {@code assistant}. */
  public record WireMessage(String role, String content) {}

  /** The sampling settings Ollama reads from {@code options}; null when none is set. */
  public record Options(
      @JsonProperty("num_predict") Integer numPredict,
      Double temperature,
      @JsonProperty("top_p") Double topP,
      @JsonProperty("top_k") Integer topK,
      Long seed,
      List<String> stop) {

    boolean isEmpty() {
      return numPredict == null && temperature == null && topP == null && topK == null && seed == null && stop == null;
    }
  }
}
