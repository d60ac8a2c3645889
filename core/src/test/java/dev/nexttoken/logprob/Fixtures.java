package dev.nexttoken.logprob;

import static dev.nexttoken.logprob.Tokens.cand;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;

/** A table with every awkward shape at once, for the rendering tests. */
final class Fixtures {
  private Fixtures() {}

  static final String MARKUP = "<script>alert('x')</script>";

  static List<TokenLogprob> awkwardTokens() {
    return List.of(
        // Ordinary top-k row, chosen rank 1, with a comma token and a quote token as candidates.
        Tokens.chosen(" Paris", Math.log(0.7), cand(" Paris", Math.log(0.7)), cand("a,b", Math.log(0.2)), cand("say \"hi\"", Math.log(0.05))),
        // A newline chosen at rank 2, with a markup candidate and a pipe.
        Tokens.chosen("\n", Math.log(0.3), cand(MARKUP, Math.log(0.4)), cand("\n", Math.log(0.3)), cand("x|y", Math.log(0.1))),
        // A character split over two tokens, with a sentinel candidate.
        new TokenLogprob("", new byte[] {(byte) 0xE6}, 10, Math.log(0.6), List.of(
            new TokenCandidate("", new byte[] {(byte) 0xE6}, 10, Math.log(0.6)),
            new TokenCandidate(" ", new byte[] {' '}, 11, Logprobs.fromProviderLogprob(Logprobs.FLOAT_LOWEST)))),
        new TokenLogprob("日", new byte[] {(byte) 0x97, (byte) 0xA5}, 12, Math.log(0.9), List.of(
            new TokenCandidate("日", new byte[] {(byte) 0x97, (byte) 0xA5}, 12, Math.log(0.9)))),
        // Chosen outside the list (OpenAI's -9999).
        Tokens.chosen(" rare", Logprobs.fromProviderLogprob(-9999), cand(" common", Math.log(0.8))),
        // Cohere: no alternatives at all, no bytes.
        new TokenLogprob(" end", null, 77, -0.25, null),
        // A literal backslash and a space-only token.
        new TokenLogprob("\\", "\\".getBytes(UTF_8), 5, -0.5, List.of(cand(5, "\\", -0.5), cand(6, " ", -1.5))));
  }

  static ProbabilityTable table() {
    return ProbabilityTable.of(awkwardTokens(), 100);
  }
}
