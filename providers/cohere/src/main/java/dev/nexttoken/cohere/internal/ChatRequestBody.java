package dev.nexttoken.cohere.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The JSON body of {@code POST /v2/chat}; a null field is not sent, so the provider's own default applies.
 *
 * @param stream sent only as {@code true}: leaving it out is Cohere's documented non-streaming default
 * @param logprobs sent only as {@code true}, when any logprobs were asked for
 */
public record ChatRequestBody(
    String model,
    List<WireMessage> messages,
    Boolean stream,
    Double temperature,
    @JsonProperty("max_tokens") Integer maxTokens,
    Double p,
    Integer k,
    Long seed,
    @JsonProperty("stop_sequences") List<String> stopSequences,
    Boolean logprobs) {

  /** One message; Cohere accepts the content as a plain string. */
  public record WireMessage(String role, String content) {}
}
