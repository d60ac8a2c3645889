package dev.nexttoken.llamacpp.internal;

import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.logprob.Logprobs;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/**
 * llama.cpp's native probability entries ({@code /completion}) as neutral {@link TokenLogprob}s, for every
 * shape the server uses. Chat's are read by the shared {@code dev.nexttoken.wire.openai.ChatResponseReader}.
 *
 * <p>Values go through {@link Logprobs}: {@code logprob} via {@code fromProviderLogprob} (the float-lowest
 * encoding of probability 0 becomes -infinity), linear {@code prob} via {@code fromProbability}. Entries for
 * the end-of-sequence token ({@code token:""}, {@code bytes:[]}) are kept: they are real probabilities of a
 * real position. A {@code token} of {@code ""} with non-empty bytes is a partial UTF-8 piece; the bytes are
 * the truth then.
 */
public final class LogprobMapper {
  private static final String PROVIDER = "llamacpp";

  private LogprobMapper() {}

  /**
   * @param withAlternatives whether alternatives were asked for; when not, the server was still asked for
   *     one ({@code n_probs: 1}, since 0 returns nothing) and it is dropped here
   * @return one entry per position, or null when the server sent no list (no logprobs, as opposed to an empty list)
   */
  public static List<TokenLogprob> map(List<ProbabilityEntry> entries, boolean withAlternatives) {
    if (entries == null) {
      return null;
    }
    List<TokenLogprob> out = new ArrayList<>(entries.size());
    for (ProbabilityEntry entry : entries) {
      out.add(map(entry, withAlternatives));
    }
    return out;
  }

  static TokenLogprob map(ProbabilityEntry entry, boolean withAlternatives) {
    return entry.isLegacy() ? mapLegacy(entry, withAlternatives) : mapCurrent(entry, withAlternatives);
  }

  private static TokenLogprob mapCurrent(ProbabilityEntry entry, boolean withAlternatives) {
    String token = entry.token() == null ? "" : entry.token();
    List<TokenCandidate> top = List.of();
    if (withAlternatives && entry.alternatives() != null) {
      top = new ArrayList<>(entry.alternatives().size());
      for (ProbabilityEntry alternative : entry.alternatives()) {
        Double logprob = logprob(alternative);
        if (logprob == null) {
          throw malformed("an alternative of token " + token + " has neither logprob nor prob");
        }
        top.add(new TokenCandidate(alternative.token() == null ? "" : alternative.token(), bytes(alternative.bytes()), alternative.id(), logprob));
      }
    }
    return new TokenLogprob(token, bytes(entry.bytes()), entry.id(), logprob(entry), top);
  }

  /**
   * The old format names the chosen token only by its text; its probability is known only when it is among
   * the reported candidates.
   */
  private static TokenLogprob mapLegacy(ProbabilityEntry entry, boolean withAlternatives) {
    String token = entry.content() == null ? "" : entry.content();
    List<TokenCandidate> candidates = new ArrayList<>();
    Double chosen = null;
    if (entry.probs() != null) {
      for (ProbabilityEntry.LegacyCandidate candidate : entry.probs()) {
        if (candidate.prob() == null || candidate.tokStr() == null) {
          throw malformed("a candidate of token " + token + " lacks tok_str or prob");
        }
        double logprob = fromProbability(candidate.prob());
        if (chosen == null && candidate.tokStr().equals(token)) {
          chosen = logprob;
        }
        candidates.add(new TokenCandidate(candidate.tokStr(), null, null, logprob));
      }
    }
    return new TokenLogprob(token, null, null, chosen, withAlternatives ? candidates : List.of());
  }

  private static Double logprob(ProbabilityEntry entry) {
    if (entry.logprob() != null) {
      try {
        return Logprobs.fromProviderLogprob(entry.logprob());
      } catch (IllegalArgumentException e) {
        throw malformed(e.getMessage());
      }
    }
    return entry.prob() == null ? null : fromProbability(entry.prob());
  }

  private static double fromProbability(double prob) {
    try {
      return Logprobs.fromProbability(prob);
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
  }

  private static byte[] bytes(int[] values) {
    if (values == null) {
      return null;
    }
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 255) {
        throw malformed("token byte out of range: " + values[i]);
      }
      out[i] = (byte) values[i];
    }
    return out;
  }

  static MalformedResponseException malformed(String why) {
    return new MalformedResponseException(PROVIDER + ": unexpected token probabilities: " + why, ErrorDetails.of(PROVIDER));
  }
}
