package dev.nexttoken.logprob;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;

/** Short ways to write provider-shaped logprobs in tests. */
final class Tokens {
  private Tokens() {}

  /** A candidate with bytes = its UTF-8 text and no id (OpenAI chat's shape). */
  static TokenCandidate cand(String token, double logprob) {
    return new TokenCandidate(token, token.getBytes(UTF_8), null, logprob);
  }

  /** A candidate with an id and bytes (llama.cpp's shape). */
  static TokenCandidate cand(int id, String token, double logprob) {
    return new TokenCandidate(token, token.getBytes(UTF_8), id, logprob);
  }

  /** A chosen token with bytes and the listed alternatives. */
  static TokenLogprob chosen(String token, Double logprob, TokenCandidate... top) {
    return new TokenLogprob(token, token.getBytes(UTF_8), null, logprob, List.of(top));
  }

  /** A candidate list from probabilities, named t0, t1, ... */
  static List<TokenCandidate> fromProbabilities(double... probabilities) {
    List<TokenCandidate> out = new ArrayList<>();
    for (int i = 0; i < probabilities.length; i++) {
      out.add(cand(i, "t" + i, Logprobs.fromProbability(probabilities[i])));
    }
    return out;
  }

  /** The exact entropy of a distribution, in nats. */
  static double entropy(double... probabilities) {
    double h = 0;
    for (double p : probabilities) {
      if (p > 0) {
        h -= p * Math.log(p);
      }
    }
    return h;
  }
}
