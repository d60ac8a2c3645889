package dev.nexttoken.gemini.internal;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.UnsupportedCapabilityException;

/**
 * Combinations of options Gemini refuses although it takes each one alone: capabilities declare
 * options one by one, so these are checked here, before sending.
 */
public final class CombinationRules {
  private CombinationRules() {}

  /**
   * @param family the family of the request's model
   * @throws UnsupportedCapabilityException for a JSON answer together with tools on a model before Gemini 3
   */
  public static void check(ChatRequest request, GeminiFamily family) {
    ResponseFormat format = request.options().responseFormat();
    if (request.hasTools() && format != null && format.isJson() && !family.jsonWithTools()) {
      throw refused("responseFormat", GeminiWire.PROVIDER + " " + request.options().model() + " cannot combine a JSON answer"
          + " (responseMimeType application/json) with tools (\"Function calling with a response mime type: 'application/json'"
          + " is unsupported\"); drop one of them, or use a Gemini 3 model");
    }
  }

  private static UnsupportedCapabilityException refused(String field, String message) {
    return new UnsupportedCapabilityException(message, field, ErrorDetails.of(GeminiWire.PROVIDER));
  }
}
