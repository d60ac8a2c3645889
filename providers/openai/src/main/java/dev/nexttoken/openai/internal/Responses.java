package dev.nexttoken.openai.internal;

import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import java.util.List;
import java.util.Map;

/** What the completion and chat mappings share: the provider name, choice selection, metadata. */
final class Responses {
  static final String PROVIDER = "openai";
  static final String FINGERPRINT = "system_fingerprint";
  static final String REFUSAL = "refusal";

  private Responses() {}

  /**
   * The choice with index 0 (requests ask for one; a server may still send more), or null when
   * there is none, as in the usage chunk ({@code choices: []}).
   */
  static <C> C first(List<C> choices, java.util.function.ToIntFunction<C> index) {
    if (choices == null || choices.isEmpty()) {
      return null;
    }
    for (C choice : choices) {
      if (index.applyAsInt(choice) == 0) {
        return choice;
      }
    }
    return choices.get(0);
  }

  static <C> C required(C choice, String what) {
    if (choice == null) {
      throw new MalformedResponseException(PROVIDER + ": expected " + what + " with one choice, but it had none", ErrorDetails.of(PROVIDER));
    }
    return choice;
  }

  /** The system fingerprint as an extra, or none. */
  static Map<String, String> fingerprint(String fingerprint) {
    return fingerprint == null ? Map.of() : Map.of(FINGERPRINT, fingerprint);
  }

  /** The header metadata completed with what the body says. */
  static ResponseMetadata metadata(ResponseMetadata headers, String id, Map<String, String> extras) {
    ResponseMetadata meta = id == null ? headers : headers.withResponseId(id);
    return meta.withExtras(extras);
  }
}
