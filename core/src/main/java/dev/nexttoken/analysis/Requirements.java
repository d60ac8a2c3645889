package dev.nexttoken.analysis;

import dev.nexttoken.Capabilities;
import dev.nexttoken.Operation;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ScoringCapabilities;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.UnsupportedCapabilityException;

/**
 * What each analysis needs of a provider, checked before any request, so that a provider that cannot
 * do it says so at once, naming what is missing, instead of failing half-way through a list of labels.
 */
final class Requirements {
  private Requirements() {}

  /** Exact scoring of a given text ({@code LanguageModel.score}). */
  static void scoring(Capabilities capabilities, String what) {
    ScoringCapabilities scoring = capabilities.scoring();
    if (!scoring.supported()) {
      throw new UnsupportedCapabilityException(what + " needs exact scoring of a given text, which " + capabilities.provider()
          + " cannot do" + (scoring.note() == null ? "" : " (" + scoring.note() + ")"), ErrorDetails.of(capabilities.provider()));
    }
  }

  /** Alternatives at each generated position of {@code operation}, at least one. */
  static void alternatives(Capabilities capabilities, Operation operation, String what) {
    String provider = capabilities.provider();
    OperationCapabilities op = capabilities.of(operation);
    String name = operation == Operation.CHAT ? "chat" : "text completion";
    if (!op.supported()) {
      throw new UnsupportedCapabilityException(what + " needs " + name + ", which " + provider + " does not offer"
          + (op.note() == null ? "" : " (" + op.note() + ")"), ErrorDetails.of(provider));
    }
    if (!op.logprobs() || op.maxTopLogprobs() == 0) {
      throw new UnsupportedCapabilityException(what + " needs the alternatives to the generated token, which " + provider
          + "'s " + name + " does not report" + (op.logprobs() ? " (only the chosen token's logprob)" : ""), ErrorDetails.of(provider));
    }
  }

  /** {@code requested}, or min(20, the most the operation reports) when null. */
  static int alternativesToAsk(Capabilities capabilities, Operation operation, Integer requested) {
    return requested != null ? requested : Math.min(20, capabilities.of(operation).maxTopLogprobs());
  }
}
