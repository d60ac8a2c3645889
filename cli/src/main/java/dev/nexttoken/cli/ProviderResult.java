package dev.nexttoken.cli;

import dev.nexttoken.Completion;

/** One provider's answer in a comparison: its completion, or the one-line error that replaced it. */
record ProviderResult(String provider, Completion completion, String error, long latencyMillis) {
  static ProviderResult success(String provider, Completion completion, long latencyMillis) {
    return new ProviderResult(provider, completion, null, latencyMillis);
  }

  static ProviderResult failure(String provider, String error, long latencyMillis) {
    return new ProviderResult(provider, null, error, latencyMillis);
  }
}
