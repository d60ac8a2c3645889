package dev.nexttoken.openai.internal;

import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.logprob.Logprobs;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.wire.openai.Alternatives;
import dev.nexttoken.wire.openai.Responses;
import dev.nexttoken.wire.openai.WireUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * vLLM's {@code prompt_logprobs} (wire-formats-2 §4.2) as the scores of the text after the prompt.
 *
 * <p>Each position is an object keyed by token id: the prompt's own token first, with its true rank,
 * then the top k (ranks 1..k), so a position has k entries when the prompt token is among the top k
 * and k + 1 when it is not. The prompt token is the one {@code prompt_token_ids} names, else the
 * first key, never the rank-1 entry; its rank becomes the token's {@link TokenLogprob#rank()} (also
 * when it is outside the top k, or k is 0). Alternatives are the entries ranked 1..k. The first position is
 * null (nothing precedes it); it is usually the beginning-of-sequence token, which reads no text and
 * is left out. Where the seam between prompt and text lies is found by adding up the tokens'
 * {@code decoded_token} lengths, with the rule of {@link ScoreMapping}: a token straddling the seam is
 * the text's.
 */
public final class PromptLogprobScoring {
  private PromptLogprobScoring() {}

  public static ScoredText toScored(CompletionResponse response, ResponseMetadata headers, ScoreRequest request) {
    CompletionResponse.Choice choice = CompletionChoices.required(response, RequestMapper.VLLM);
    List<Map<String, CompletionResponse.PromptLogprob>> positions = choice.promptLogprobs();
    if (positions == null || positions.isEmpty()) {
      throw new MalformedResponseException(RequestMapper.VLLM + ": the response has no prompt_logprobs for the scored text"
          + " (is the server vLLM, and does it support prompt_logprobs on /v1/completions?)", ErrorDetails.of(RequestMapper.VLLM));
    }
    int n = positions.size();
    int k = request.topLogprobs();
    List<Integer> ids = choice.promptTokenIds() != null && choice.promptTokenIds().size() == n ? choice.promptTokenIds() : null;
    TokenLogprob[] tokens = new TokenLogprob[n];
    int[] lengths = new int[n];
    int known = 0;
    for (int i = 0; i < n; i++) {
      Map<String, CompletionResponse.PromptLogprob> position = positions.get(i);
      if (position == null || position.isEmpty()) {
        continue; // no context: its text is found below
      }
      tokens[i] = token(position, ids == null ? null : String.valueOf(ids.get(i)), k);
      lengths[i] = ScoreMapping.codePoints(tokens[i].token());
      known += lengths[i];
    }
    String input = request.fullText();
    int inputEnd = ScoreMapping.codePoints(input);
    // Unscored positions (the first) read what the scored ones leave of the input.
    int offset = 0;
    for (int i = 0; i < n; i++) {
      if (tokens[i] == null) {
        int length = Math.max(0, Math.min(inputEnd - known, inputEnd - offset));
        known += length;
        lengths[i] = length;
        String text = length == 0 || offset + length > inputEnd ? ""
            : input.substring(input.offsetByCodePoints(0, offset), input.offsetByCodePoints(0, offset + length));
        tokens[i] = new TokenLogprob(text, null, ids == null ? null : ids.get(i), null, List.of());
      }
      offset += lengths[i];
    }
    int[] starts = new int[n + 1];
    for (int i = 1; i < n; i++) {
      starts[i] = starts[i - 1] + lengths[i - 1];
    }
    int[] bounds = ScoreMapping.scoredRange(starts, n, ScoreMapping.codePoints(request.prompt()), inputEnd);
    List<TokenLogprob> scored = List.of(tokens).subList(bounds[0], bounds[1]);
    return ScoredText.of(scored, response.model(), WireUsage.toUsage(response.usage()),
        Responses.metadata(headers, response.id(), Responses.fingerprint(response.systemFingerprint())));
  }

  /** The prompt token of one position ({@code actualId}, else the first key) with its rank and the entries ranked 1..k as its alternatives. */
  private static TokenLogprob token(Map<String, CompletionResponse.PromptLogprob> position, String actualId, int k) {
    String key = actualId != null && position.containsKey(actualId) ? actualId : position.keySet().iterator().next();
    CompletionResponse.PromptLogprob actual = position.get(key);
    TokenCandidate[] all = new TokenCandidate[position.size()];
    int count = 0;
    if (k > 0) {
      for (Map.Entry<String, CompletionResponse.PromptLogprob> entry : position.entrySet()) {
        CompletionResponse.PromptLogprob value = entry.getValue();
        boolean inTopK = value.rank() != null ? value.rank() <= k : !(entry.getKey().equals(key) && position.size() > k);
        if (value.logprob() != null && inTopK) {
          all[count++] = new TokenCandidate(text(value), null, id(entry.getKey()), Logprobs.fromProviderLogprob(value.logprob()));
        }
      }
    }
    Double logprob = actual.logprob() == null ? null : Logprobs.fromProviderLogprob(actual.logprob());
    Integer rank = actual.rank() != null && actual.rank() >= 1 ? actual.rank() : null; // vLLM's ranks start at 1; anything else is no rank
    return new TokenLogprob(text(actual), null, id(key), logprob, Alternatives.ranked(all, count, k), rank);
  }

  private static String text(CompletionResponse.PromptLogprob value) {
    return value.decodedToken() == null ? "" : value.decodedToken();
  }

  private static Integer id(String key) {
    try {
      return Integer.valueOf(key);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
