/**
 * Token log-probabilities and what to do with them: the neutral {@link dev.nexttoken.logprob.TokenLogprob},
 * the per-position {@link dev.nexttoken.logprob.ProbabilityTable}, and sampling from it.
 * It depends on no model: {@code dev.nexttoken} and {@code dev.nexttoken.analysis} build on it.
 *
 * <pre>{@code
 * Completion answer = model.complete(CompletionRequest.builder("Weights and Biases is")
 *     .maxTokens(5).topLogprobs(5).build());
 * ProbabilityTable table = answer.table(model.capabilities().vocabularySize());
 * TableRow first = table.row(0);   // candidates, rank, unseen mass, entropy
 * System.out.println(table.stats().perplexity());
 * }</pre>
 *
 * <p>Everything here works on neutral types only, so it serves every provider alike; values a
 * provider does not report are null, never guessed.
 */
package dev.nexttoken.logprob;
