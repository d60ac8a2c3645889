package dev.nexttoken.eval;

import dev.nexttoken.Message;
import java.util.List;
import java.util.Objects;

/**
 * One line of a dataset: what to ask every target.
 *
 * @param id the item's id as given, or its line number when the line has none
 * @param line the 1-based line of the dataset it came from
 * @param kind what to do with it
 * @param prompt the text prompt; null for a generate item given as {@code messages}
 * @param messages the conversation of a generate item given as {@code messages}, else null
 * @param maxTokens generate: the most tokens to generate, or null for the target's default
 * @param temperature generate: the sampling temperature, or null for the target's default
 * @param topLogprobs generate: alternatives per token, or null for the chosen token's logprob only
 * @param text score: the text scored after the prompt
 * @param labels classify: the closed set of labels, exactly as they follow the prompt
 * @param gold classify: the right label, one of {@code labels}, or null when unknown
 */
public record EvalItem(String id, int line, Kind kind, String prompt, List<Message> messages, Integer maxTokens, Double temperature,
    Integer topLogprobs, String text, List<String> labels, String gold) {

  /** What an item asks of a target. */
  public enum Kind {
    /** Complete a prompt or answer a conversation. */
    GENERATE,
    /** Score a given text after a prompt. */
    SCORE,
    /** Pick one label of a closed set by logprob. */
    CLASSIFY;

    /** The name written in results: {@code generate}, {@code score}, {@code classify}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public EvalItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    messages = messages == null ? null : List.copyOf(messages);
    labels = labels == null ? null : List.copyOf(labels);
  }

  /** A generate item continuing {@code prompt} with the target's defaults. */
  public static EvalItem generate(String id, String prompt) {
    return new EvalItem(id, 0, Kind.GENERATE, prompt, null, null, null, null, null, null, null);
  }

  /** A score item: how likely {@code text} is after {@code prompt}. */
  public static EvalItem score(String id, String prompt, String text) {
    return new EvalItem(id, 0, Kind.SCORE, prompt, null, null, null, null, text, null, null);
  }

  /** A classify item with its gold label (or null). */
  public static EvalItem classify(String id, String prompt, List<String> labels, String gold) {
    return new EvalItem(id, 0, Kind.CLASSIFY, prompt, null, null, null, null, null, labels, gold);
  }

  /** This item as a generate item with these options (any may be null). */
  public EvalItem withOptions(Integer maxTokensValue, Double temperatureValue, Integer topLogprobsValue) {
    return new EvalItem(id, line, kind, prompt, messages, maxTokensValue, temperatureValue, topLogprobsValue, text, labels, gold);
  }
}
