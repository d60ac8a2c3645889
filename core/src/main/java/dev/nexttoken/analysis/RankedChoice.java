package dev.nexttoken.analysis;

/**
 * One continuation of a {@link Ranking}: its loglikelihood after the prompt, in total and per token.
 *
 * @param choice the continuation, exactly as given
 * @param logprob {@code log P(choice | prompt)}: the sum over its tokens; {@code -Infinity} when a token had probability 0
 * @param tokens how many tokens it was scored as (a token straddling prompt and choice counts as the choice's)
 * @param meanLogprob {@code logprob / tokens}: the length-normalised loglikelihood
 */
public record RankedChoice(String choice, double logprob, int tokens, double meanLogprob) {}
