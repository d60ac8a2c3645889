package dev.nexttoken.opentelemetry;

import dev.nexttoken.logprob.TokenLogprob;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.List;

/**
 * How confident the model was, in three numbers a dashboard can plot: the mean logprob of the
 * chosen tokens, the probability of the least likely one, and the perplexity. Tokens whose logprob
 * is unknown are left out, never counted as 0, as in {@link dev.nexttoken.logprob.SequenceStats}
 * (the test holds the two to the same values). One pass, no table: this runs on every call.
 */
final class LogprobSummary {
  private LogprobSummary() {}

  /** Adds the summary of {@code tokens}; nothing when null or no token has a logprob. */
  static void put(AttributesBuilder attributes, List<TokenLogprob> tokens) {
    if (tokens == null) {
      return;
    }
    int known = 0;
    double total = 0;
    double least = 0;
    for (TokenLogprob token : tokens) {
      Double logprob = token.logprob();
      if (logprob == null) {
        continue;
      }
      least = known == 0 ? logprob : Math.min(least, logprob);
      total += logprob;
      known++;
    }
    if (known == 0) {
      return;
    }
    double mean = total / known;
    attributes.put(GenAiAttributes.LOGPROB_TOKENS, known)
        .put(GenAiAttributes.LOGPROB_MEAN, mean)
        .put(GenAiAttributes.LOGPROB_MIN_PROBABILITY, Math.exp(least))
        .put(GenAiAttributes.PERPLEXITY, Math.exp(-mean));
  }
}
