package dev.nexttoken.openai;

/**
 * How exactly to speak OpenAI's protocol: to OpenAI itself, or to a server that only claims
 * compatibility (llama.cpp, vLLM, local gateways).
 *
 * <p>Unless set on the builder, the dialect follows the base URL: {@link #OPENAI} for
 * {@code api.openai.com}, {@link #COMPATIBLE} for any other host; {@link #VLLM} is only ever chosen
 * ({@link OpenAiModel#vllm()}). Responses are read the same way in all of them (tolerantly).
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
  COMPATIBLE,

  /**
   * A vLLM server ({@code vllm serve}), named {@code "vllm"} in messages and capabilities. As
   * {@link #COMPATIBLE} ({@code max_tokens}), plus what vLLM adds: sampling top-k ({@code top_k})
   * on both routes, {@code logprobs: 0} / {@code top_logprobs: 0} sent as asked (vLLM reports the
   * chosen tokens for 0), scoring through {@code prompt_logprobs} with {@code echo} (any model,
   * token ids included), and the server's {@code --max-logprobs} cap, learned from its refusal and
   * then enforced before sending. Token strings of the form {@code token_id:1234} (the server's
   * {@code --return-tokens-as-token-ids}, or {@link OpenAiModel.Builder#returnTokensAsTokenIds(boolean)})
   * are read as token ids.
   */
  VLLM
}
