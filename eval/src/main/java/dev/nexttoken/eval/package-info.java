/**
 * Evaluation runs: a JSON Lines dataset on every target, bounded and polite (concurrency, requests
 * per second and tokens per minute per target, {@code Retry-After} and rate-limit headers, a retry
 * budget), crash-safe ({@code results.jsonl} appended row by row, resumed pair by pair), with a
 * summary and a self-contained HTML report.
 *
 * <pre>{@code
 * EvalOutcome outcome = Evaluation.builder()
 *     .items(Dataset.read(Path.of("items.jsonl")))
 *     .target(Target.of("llamacpp", llama))
 *     .target(new Target("openai:gpt-4o-mini", "openai", "gpt-4o-mini", openAi, TargetLimits.DEFAULT.withRates(5, 100_000)))
 *     .out(Path.of("run-1"))
 *     .maxCost(2.0)
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>{@link dev.nexttoken.eval.TargetRunner} runs one target's items the same way elsewhere, e.g. in
 * a Spark partition. See {@code docs/evaluation.md}.
 */
package dev.nexttoken.eval;
