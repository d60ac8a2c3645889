package dev.nexttoken.wire.openai;

import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import java.util.HashMap;
import java.util.Map;

/**
 * What every OpenAI-shaped response (chat, and the legacy completions the openai provider keeps)
 * turns into the same way: the missing-choice error, and the metadata the body adds to the headers'.
 */
public final class Responses {
  /** The extra holding {@code system_fingerprint}. */
  public static final String FINGERPRINT = "system_fingerprint";
  /** The extra holding a chat refusal's text. */
  public static final String REFUSAL = "refusal";

  private Responses() {}

  /** {@code choice}, or a malformed-response error naming {@code what} when there is none. */
  public static <C> C required(C choice, String provider, String what) {
    if (choice == null) {
      throw new MalformedResponseException(provider + ": expected " + what + " with one choice, but it had none",
          ErrorDetails.of(provider));
    }
    return choice;
  }

  /** The system fingerprint as an extra, or none. */
  public static Map<String, String> fingerprint(String fingerprint) {
    return fingerprint == null ? Map.of() : Map.of(FINGERPRINT, fingerprint);
  }

  /** The header metadata completed with what the body says. */
  public static ResponseMetadata metadata(ResponseMetadata headers, String id, Map<String, String> extras) {
    ResponseMetadata meta = id == null ? headers : headers.withResponseId(id);
    return meta.withExtras(extras);
  }

  /** {@code extras} plus the refusal's text. */
  static Map<String, String> withRefusal(Map<String, String> extras, String refusal) {
    if (extras.isEmpty()) {
      return Map.of(REFUSAL, refusal);
    }
    Map<String, String> merged = new HashMap<>(extras);
    merged.put(REFUSAL, refusal);
    return merged;
  }
}
