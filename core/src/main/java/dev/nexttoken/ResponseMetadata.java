package dev.nexttoken;

import java.util.Map;

/**
 * What a provider said about a call besides its answer.
 *
 * @param responseId the provider's id for the response ({@code chatcmpl-...}), or null
 * @param requestId the request id from a response header ({@code x-request-id}), or null
 * @param rateLimits rate-limit headers as sent ({@code x-ratelimit-remaining-tokens -> "149984"}), empty when none
 * @param extras other provider facts worth keeping (Cohere's billed units, OpenAI's system fingerprint), empty when none
 */
public record ResponseMetadata(String responseId, String requestId, Map<String, String> rateLimits, Map<String, String> extras) {
  public static final ResponseMetadata EMPTY = new ResponseMetadata(null, null, Map.of(), Map.of());

  public ResponseMetadata {
    rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
    extras = extras == null ? Map.of() : Map.copyOf(extras);
  }

  /** A copy with another response id. */
  public ResponseMetadata withResponseId(String id) {
    return new ResponseMetadata(id, requestId, rateLimits, extras);
  }

  /** A copy with more extras (later values win). */
  public ResponseMetadata withExtras(Map<String, String> more) {
    if (more.isEmpty()) {
      return this;
    }
    var merged = new java.util.LinkedHashMap<>(extras);
    merged.putAll(more);
    return new ResponseMetadata(responseId, requestId, rateLimits, merged);
  }
}
