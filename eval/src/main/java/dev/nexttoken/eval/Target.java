package dev.nexttoken.eval;

import dev.nexttoken.LanguageModel;
import java.util.Objects;

/**
 * A model every item runs on.
 *
 * <p>Give a model built without retries of its own ({@code RetrySettings.NONE}): the evaluation
 * retries each call itself, within the target's retry budget, so that a failing provider is not hit
 * harder; a model that also retries inside multiplies the attempts behind the budget's back.
 *
 * @param name the target's name in results and reports (unique within a run), e.g. {@code openai:gpt-4o-mini}
 * @param provider the provider's name, as written in each row
 * @param model the model every request names, or null for the client's default
 * @param client the opened model; closed by whoever opened it, not by the evaluation
 * @param limits how hard it may be pushed
 */
public record Target(String name, String provider, String model, LanguageModel client, TargetLimits limits) {
  public Target {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(client, "client");
    provider = provider == null ? client.provider() : provider;
    limits = limits == null ? TargetLimits.DEFAULT : limits;
  }

  /** A target named {@code name} with the default limits. */
  public static Target of(String name, LanguageModel client) {
    return new Target(name, client.provider(), null, client, TargetLimits.DEFAULT);
  }

  public Target withLimits(TargetLimits value) {
    return new Target(name, provider, model, client, value);
  }
}
