package dev.nexttoken.openai.internal;

import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.wire.openai.Responses;
import dev.nexttoken.wire.openai.WireUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * An echoed {@code /v1/completions} response ({@code echo}, {@code max_tokens: 0}) as the scores of
 * the text after the prompt.
 */
public final class ScoreMapping {
  private ScoreMapping() {}

  public static ScoredText toScored(CompletionResponse response, ResponseMetadata headers, ScoreRequest request) {
    CompletionResponse.Choice choice = CompletionChoices.required(response, CompletionChoices.PROVIDER);
    CompletionResponse.Logprobs wire = choice.logprobs();
    if (wire == null || wire.tokens() == null || wire.tokens().isEmpty()) {
      // llama.cpp's OpenAI-compatible route ignores echo and sends chat-style entries for generated tokens only.
      throw new UnsupportedCapabilityException(CompletionChoices.PROVIDER + ": the server returned no logprobs for the echoed input,"
          + " so it cannot score a text (llama.cpp's /v1/completions ignores echo: use the llamacpp provider)",
          ErrorDetails.of(CompletionChoices.PROVIDER));
    }
    String input = request.fullText();
    int[] bounds = scoredRange(wire, codePoints(request.prompt()), codePoints(input));
    List<TokenLogprob> tokens = new ArrayList<>(bounds[1] - bounds[0]);
    LogprobMapper.addLegacy(wire, bounds[0], bounds[1], request.topLogprobs(), tokens);
    return ScoredText.of(tokens, response.model(), WireUsage.toUsage(response.usage()),
        Responses.metadata(headers, response.id(), Responses.fingerprint(response.systemFingerprint())));
  }

  /**
   * The tokens {@code [from, to)} of the scored text: from the first token that ends after the
   * prompt (a token straddling the seam belongs to the text) to the last that starts inside the
   * input (a server that generates despite {@code max_tokens: 0} adds nothing). A token ends where
   * the next begins; {@code text_offset} counts code points, as OpenAI indexes Python strings.
   * Without offsets, the tokens' own lengths are added up.
   */
  static int[] scoredRange(CompletionResponse.Logprobs wire, int promptEnd, int inputEnd) {
    List<String> tokens = wire.tokens();
    int n = tokens.size();
    int[] starts = new int[n + 1];
    int[] offsets = wire.textOffset();
    for (int i = 0; i < n; i++) {
      starts[i] = offsets != null && offsets.length >= n ? offsets[i] : i == 0 ? 0 : starts[i - 1] + codePoints(tokens.get(i - 1));
    }
    return scoredRange(starts, n, promptEnd, inputEnd);
  }

  /**
   * The seam rule on token start offsets ({@code starts} has room for {@code n + 1} entries; the
   * last is overwritten): the tokens that end after {@code promptEnd} and start before
   * {@code inputEnd}. An empty first token (a beginning-of-sequence token) ends at 0 and is never scored.
   */
  static int[] scoredRange(int[] starts, int n, int promptEnd, int inputEnd) {
    int to = 0;
    while (to < n && starts[to] < inputEnd) {
      to++;
    }
    starts[to] = inputEnd;
    int from = 0;
    while (from < to && starts[from + 1] <= promptEnd) {
      from++;
    }
    return new int[] {from, to};
  }

  static int codePoints(String s) {
    return s == null ? 0 : s.codePointCount(0, s.length());
  }
}
