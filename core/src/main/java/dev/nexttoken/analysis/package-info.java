/**
 * What runs a model and reads its distribution: the {@link dev.nexttoken.analysis.NextTokenWalk}
 * (step token by token, showing each step's candidates), {@link dev.nexttoken.analysis.Classifier}
 * (P(label | prompt) over a closed set), {@link dev.nexttoken.analysis.ChoiceRanker} (multiple choice
 * by loglikelihood), {@link dev.nexttoken.analysis.Judge} (G-Eval scores) and
 * {@link dev.nexttoken.analysis.ModelComparison} (two models' distributions side by side; see
 * {@code docs/analytics.md}). It sits above both the neutral API
 * ({@code dev.nexttoken}) and the tables ({@code dev.nexttoken.logprob}), which know nothing of it.
 *
 * <pre>{@code
 * WalkResult walk = NextTokenWalk.builder(model, "Weights and Biases is").steps(8).build().run();
 * }</pre>
 */
package dev.nexttoken.analysis;
