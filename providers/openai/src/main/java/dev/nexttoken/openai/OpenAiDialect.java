package dev.nexttoken.openai;

/**
 * How exactly to speak OpenAI's protocol: to OpenAI itself, or to a server that only claims
 * compatibility (llama.cpp, vLLM, local gateways).
 *
 * <p>Unless set on the builder, the dialect follows the base URL: {@link #OPENAI} for
 * {@code api.openai.com}, {@link #COMPATIBLE} for any other host. Only two request fields differ;
 * responses are read the same way in both (tolerantly).
 */
public enum OpenAiDialect {
  /**
   * OpenAI's current documentation: the chat token limit goes in {@code max_completion_tokens}
   * ({@code max_tokens} is deprecated and rejected by reasoning models), and {@code top_logprobs}
   * / {@code logprobs} are sent as asked, 0 included.
   */
  OPENAI,

  /**
   * For servers that follow OpenAI's older behaviour: the chat token limit goes in
   * {@code max_tokens}, the one field every compatible server reads (older vLLM and llama.cpp
   * builds know no other; llama.cpp build 11669 reads both), and when only the chosen tokens'
   * logprobs are wanted, one alternative is requested and then dropped, because llama.cpp returns
   * no logprobs at all for {@code top_logprobs: 0} / {@code logprobs: 0}.
   */
  COMPATIBLE
}
