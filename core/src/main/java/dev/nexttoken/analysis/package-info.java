/**
 * What runs a model and reads its distribution: the {@link dev.nexttoken.analysis.NextTokenWalk}
 * (step token by token, showing each step's candidates). It sits above both the neutral API
 * ({@code dev.nexttoken}) and the tables ({@code dev.nexttoken.logprob}), which know nothing of it.
 *
 * <pre>{@code
 * WalkResult walk = NextTokenWalk.builder(model, "Weights and Biases is").steps(8).build().run();
 * }</pre>
 */
package dev.nexttoken.analysis;
