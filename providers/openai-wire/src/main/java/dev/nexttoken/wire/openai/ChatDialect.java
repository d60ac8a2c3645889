package dev.nexttoken.wire.openai;

/**
 * How one server speaks the chat-completions wire: every difference between OpenAI and the servers
 * that claim compatibility is one of these options, so the writing and reading code exists once.
 *
 * <p>What every dialect shares needs no option: responses are read tolerantly, and what only
 * llama.cpp sends (token {@code id}s, {@code prob}/{@code top_probs} under
 * {@code post_sampling_probs}) is read whenever it is there, since OpenAI never sends it.
 *
 * @param provider the provider name in error messages and exceptions
 * @param maxCompletionTokens the token limit goes in {@code max_completion_tokens} (OpenAI, where
 *     {@code max_tokens} is deprecated) rather than {@code max_tokens} (every compatible server)
 * @param chosenOnlyAsksForOne "logprobs of the chosen token only" asks for one alternative and
 *     drops it on receipt, because llama.cpp computes no probabilities at all for
 *     {@code top_logprobs: 0}
 * @param developerAsSystem the {@code developer} role is sent as {@code system}: llama.cpp's chat
 *     templates know no developer role, and OpenAI treats it as a system message
 * @param streamFlagAlways {@code stream} is sent as {@code false} too, not only as {@code true}
 * @param strictAlternatives an alternative without any probability fails the response as
 *     malformed instead of being left out (llama.cpp always sends one, so a missing one means the
 *     format changed)
 * @param postSamplingProbs llama.cpp's {@code post_sampling_probs}, sent with logprobs; null sends nothing
 * @param cachePrompt llama.cpp's {@code cache_prompt}, sent with every request; null sends nothing
 * @param returnTokensAsTokenIds vLLM's {@code return_tokens_as_token_ids}, sent with logprobs; null sends nothing
 * @param logitBiasAsPairs {@code logit_bias} goes as llama.cpp's {@code [[id or text, bias], ...]} pairs
 *     rather than OpenAI's object keyed by token id: the pairs take text too, and a text key cannot be
 *     mistaken for an id (llama.cpp reads an object key made of digits as an id)
 * @param schemaExcludesNamedTool a response format together with a named {@code tool_choice} is refused
 *     before sending: vLLM answers it with 400 ("either use constraints for structured outputs or tools")
 * @param noLogprobsWithToolsInStream logprobs with tools in a stream are refused before sending:
 *     llama.cpp answers them with 400 ("logprobs is not supported with tools + stream")
 */
public record ChatDialect(
    String provider,
    boolean maxCompletionTokens,
    boolean chosenOnlyAsksForOne,
    boolean developerAsSystem,
    boolean streamFlagAlways,
    boolean strictAlternatives,
    Boolean postSamplingProbs,
    Boolean cachePrompt,
    Boolean returnTokensAsTokenIds,
    boolean logitBiasAsPairs,
    boolean schemaExcludesNamedTool,
    boolean noLogprobsWithToolsInStream) {

  /** OpenAI itself, as documented today. */
  public static ChatDialect openAi(String provider) {
    return new ChatDialect(provider, true, false, false, false, false, null, null, null, false, false, false);
  }

  /** A server that claims OpenAI compatibility (llama.cpp, vLLM, gateways), spoken to with OpenAI's older fields only. */
  public static ChatDialect compatible(String provider) {
    return new ChatDialect(provider, false, true, false, false, false, null, null, null, false, false, false);
  }

  /** llama.cpp's {@code llama-server}, with its own request fields. */
  public static ChatDialect llamaCpp(String provider, boolean postSamplingProbs, boolean cachePrompt) {
    return new ChatDialect(provider, false, true, true, true, true, postSamplingProbs, cachePrompt, null, true, false, true);
  }

  /**
   * A vLLM server: {@code max_tokens}, which every vLLM build reads; {@code top_logprobs: 0} as asked,
   * since vLLM reports the chosen tokens for 0; {@code return_tokens_as_token_ids} when {@code tokenIds}.
   */
  public static ChatDialect vllm(String provider, boolean tokenIds) {
    return new ChatDialect(provider, false, false, false, false, false, null, null, tokenIds ? Boolean.TRUE : null, false, true, false);
  }
}
