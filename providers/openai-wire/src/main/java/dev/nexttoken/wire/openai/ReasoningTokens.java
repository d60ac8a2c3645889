package dev.nexttoken.wire.openai;

import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;

/**
 * Where the answer's tokens start in a blocking answer's logprobs when the model reasoned first.
 * Servers that show reasoning (llama.cpp and vLLM's {@code reasoning_content}) list the logprobs of
 * every generated token in one list, reasoning and its markup ({@code <think>}) first; a stream sends
 * each token's logprobs with its own delta, so there the split is exact and this is not needed.
 */
final class ReasoningTokens {
  private ReasoningTokens() {}

  /**
   * The index of the first token of the answer {@code text}: the token holding the start of the last
   * occurrence of {@code text} in the tokens' joined text. All tokens are reasoning ({@code size})
   * when the answer is empty and made no tool calls; -1 when the tokens do not spell the answer
   * (token texts hidden as ids, an answer the server trimmed differently), so nothing is split.
   */
  static int answerStart(List<TokenLogprob> tokens, String text, boolean toolCalls) {
    if (text.isEmpty()) {
      return toolCalls ? -1 : tokens.size(); // the calls' tokens would be among them: cannot tell
    }
    int[] starts = new int[tokens.size()];
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      starts[i] = joined.length();
      joined.append(tokens.get(i).token());
    }
    int at = joined.lastIndexOf(text);
    if (at < 0) {
      return -1;
    }
    int k = tokens.size() - 1;
    while (k > 0 && starts[k] > at) {
      k--;
    }
    return k;
  }
}
