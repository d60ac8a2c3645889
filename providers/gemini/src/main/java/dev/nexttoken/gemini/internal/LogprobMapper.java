package dev.nexttoken.gemini.internal;

import dev.nexttoken.logprob.Logprobs;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@code logprobsResult} to neutral per-token entries: {@code chosenCandidates[i]} is the token
 * generated at step {@code i}, {@code topCandidates[i]} its alternatives.
 *
 * <ul>
 *   <li>A top list is kept as Gemini sent it, in rank order; it may not contain the chosen token
 *       (the chosen one was sampled from outside the top k), and the chosen token is then not added.
 *   <li>Gemini fills a top list with a placeholder ({@code -1.2676506e30}, about {@code -2^100}) for
 *       alternatives that have no probability: like every provider's sentinel it becomes
 *       {@link Double#NEGATIVE_INFINITY} through {@link Logprobs#fromProviderLogprob}.
 *   <li>Proto3 JSON leaves out zero values: an absent {@code logProbability} is 0 (probability 1),
 *       an absent {@code token} the empty string. An absent {@code tokenId} stays unknown (null).
 *   <li>Gemini sends no bytes.
 * </ul>
 */
public final class LogprobMapper {
  private static final Comparator<TokenCandidate> RANK = Comparator.comparingDouble(TokenCandidate::logprob).reversed();

  private LogprobMapper() {}

  /**
   * The entries of one answer or stream event, or null when it carries no {@code logprobsResult}.
   *
   * @param topLogprobs how many alternatives were asked for: 0 gives every entry an empty list
   */
  public static List<TokenLogprob> map(GenerateResponseBody.LogprobsResult result, int topLogprobs) {
    if (result == null) {
      return null;
    }
    List<GenerateResponseBody.LogprobCandidate> chosen = result.chosenCandidates() == null ? List.of() : result.chosenCandidates();
    List<GenerateResponseBody.TopCandidates> tops = result.topCandidates();
    List<TokenLogprob> out = new ArrayList<>(chosen.size());
    for (int i = 0; i < chosen.size(); i++) {
      GenerateResponseBody.LogprobCandidate c = chosen.get(i);
      if (c == null) {
        throw new IllegalArgumentException("chosenCandidates[" + i + "] is null");
      }
      out.add(new TokenLogprob(token(c), null, c.tokenId(), logprob(c), alternatives(tops, i, topLogprobs)));
    }
    return out;
  }

  private static List<TokenCandidate> alternatives(List<GenerateResponseBody.TopCandidates> tops, int i, int topLogprobs) {
    if (topLogprobs == 0) {
      return List.of();
    }
    if (tops == null) {
      return null; // asked for, none reported
    }
    if (i >= tops.size() || tops.get(i) == null || tops.get(i).candidates() == null) {
      return List.of();
    }
    List<TokenCandidate> list = new ArrayList<>();
    for (GenerateResponseBody.LogprobCandidate c : tops.get(i).candidates()) {
      if (c != null) {
        list.add(new TokenCandidate(token(c), null, c.tokenId(), logprob(c)));
      }
    }
    list.sort(RANK); // stable: Gemini's order already is the rank order
    return list;
  }

  private static String token(GenerateResponseBody.LogprobCandidate c) {
    return c.token() == null ? "" : c.token();
  }

  private static double logprob(GenerateResponseBody.LogprobCandidate c) {
    return c.logProbability() == null ? 0.0 : Logprobs.fromProviderLogprob(c.logProbability());
  }
}
