package dev.nexttoken;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a model generated for a completion or chat request, including a collected stream.
 *
 * @param text the generated text
 * @param finishReason why generation stopped, or null if the provider did not say
 * @param usage token counts ({@link Usage#UNKNOWN} when not reported)
 * @param model the model that answered, as the provider names it, or null
 * @param metadata ids, rate limits and other provider facts
 * @param logprobs one entry per generated token in order; null when the answer carries no logprobs
 *     (not requested, or the provider sent none, such as OpenAI's {@code "logprobs": null}); an empty
 *     list only when the provider sent a logprobs list that happens to be empty. A collected stream
 *     follows the same rule: null unless some chunk carried logprobs ({@link Chunk#logprobs()})
 * @param promptLogprobs one entry per prompt token when the provider scored the prompt (OpenAI
 *     {@code echo}), else null
 * @param toolCalls the tool calls the model made, in order; empty when none
 * @param reasoning the reasoning text a model showed apart from its answer (OpenAI-compatible
 *     {@code reasoning_content}, Responses reasoning summaries, Gemini thought parts, Ollama
 *     {@code thinking}), or null; never part of {@code text}
 * @param reasoningLogprobs the logprobs of the reasoning tokens where they can be told apart from the
 *     answer's (Ollama, split off its one sequence by the adapter), else null; never mixed into {@code logprobs}
 * @param otherChoices the second and later answers when more than one was asked for
 *     ({@link GenerationOptions#choices()}), in the provider's order; empty otherwise
 */
public record Completion(
    String text,
    FinishReason finishReason,
    Usage usage,
    String model,
    ResponseMetadata metadata,
    List<TokenLogprob> logprobs,
    List<TokenLogprob> promptLogprobs,
    List<ToolCall> toolCalls,
    String reasoning,
    List<TokenLogprob> reasoningLogprobs,
    List<Completion> otherChoices) {

  public Completion {
    Objects.requireNonNull(text, "text");
    usage = usage == null ? Usage.UNKNOWN : usage;
    metadata = metadata == null ? ResponseMetadata.EMPTY : metadata;
    logprobs = logprobs == null ? null : List.copyOf(logprobs);
    promptLogprobs = promptLogprobs == null ? null : List.copyOf(promptLogprobs);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    reasoningLogprobs = reasoningLogprobs == null ? null : List.copyOf(reasoningLogprobs);
    otherChoices = otherChoices == null ? List.of() : List.copyOf(otherChoices);
  }

  /** A text answer: no tool calls, no reasoning, one choice. */
  public Completion(String text, FinishReason finishReason, Usage usage, String model, ResponseMetadata metadata,
      List<TokenLogprob> logprobs, List<TokenLogprob> promptLogprobs) {
    this(text, finishReason, usage, model, metadata, logprobs, promptLogprobs, List.of(), null, null, List.of());
  }

  /** This answer with its tool calls. */
  public Completion withToolCalls(List<ToolCall> calls) {
    return new Completion(text, finishReason, usage, model, metadata, logprobs, promptLogprobs, calls, reasoning,
        reasoningLogprobs, otherChoices);
  }

  /** This answer with the reasoning shown apart from it. */
  public Completion withReasoning(String reasoningText, List<TokenLogprob> reasoningTokenLogprobs) {
    return new Completion(text, finishReason, usage, model, metadata, logprobs, promptLogprobs, toolCalls, reasoningText,
        reasoningTokenLogprobs, otherChoices);
  }

  /** This answer as the first of several choices, the others given. */
  public Completion withOtherChoices(List<Completion> others) {
    return new Completion(text, finishReason, usage, model, metadata, logprobs, promptLogprobs, toolCalls, reasoning,
        reasoningLogprobs, others);
  }

  /** Every choice: this answer first, then {@link #otherChoices()}. */
  public List<Completion> choices() {
    if (otherChoices.isEmpty()) {
      return List.of(this);
    }
    List<Completion> all = new ArrayList<>(1 + otherChoices.size());
    all.add(this);
    all.addAll(otherChoices);
    return List.copyOf(all);
  }

  /** Whether the model asked for tools to be called. */
  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }

  /**
   * The answer parsed as JSON (a structured-output answer): {@code Map}, {@code List}, {@code String},
   * {@code Number}, {@code Boolean} or null.
   *
   * @throws dev.nexttoken.error.InvalidModelOutputException when the text is not one JSON value
   */
  public Object json() {
    return JsonText.parse(text, "the answer");
  }

  /**
   * The answer parsed as JSON and checked against {@code format}'s schema.
   *
   * @throws dev.nexttoken.error.InvalidModelOutputException when the text is not JSON
   * @throws dev.nexttoken.error.SchemaViolationException when it breaks the schema, listing each breach
   */
  public Object validatedJson(ResponseFormat format) {
    JsonNode tree = JsonText.tree(text, "the answer");
    if (format != null && format.schema() != null) {
      JsonSchemaCheck.validate(tree, format.schema(), text);
    }
    return JsonText.MAPPER.convertValue(tree, Object.class);
  }

  /**
   * How sure the model was of each value of its JSON answer: one entry per leaf, by
   * {@link FieldConfidence#of(String, List)}; each entry's logprob is null when the answer carries no
   * logprobs.
   *
   * @throws dev.nexttoken.error.InvalidModelOutputException when the text is not JSON
   */
  public List<FieldConfidence> fieldConfidences() {
    return FieldConfidence.of(text, logprobs);
  }

  /** The table of the generated tokens, vocabulary size unknown; see {@link #table(Integer)}. */
  public ProbabilityTable table() {
    return table(null);
  }

  /**
   * The table of the generated tokens: candidates, ranks, unseen mass and entropy per position.
   *
   * @param vocabularySize the model's vocabulary size, which bounds the entropy; null when unknown
   * @throws IllegalArgumentException when the response carries no logprobs (not requested, or the
   *     provider sent none)
   */
  public ProbabilityTable table(Integer vocabularySize) {
    if (logprobs == null) {
      throw new IllegalArgumentException("the response carries no logprobs; request them with topLogprobs(k)");
    }
    return ProbabilityTable.of(logprobs, vocabularySize);
  }

  /**
   * The table of the prompt's own tokens, as scored by the provider ({@code echoPrompt}); the first
   * prompt token usually has no logprob and is left out of the statistics.
   *
   * @throws IllegalArgumentException when the response carries no prompt logprobs
   */
  public ProbabilityTable promptTable(Integer vocabularySize) {
    if (promptLogprobs == null) {
      throw new IllegalArgumentException("the response carries no prompt logprobs; request them with echoPrompt(true)");
    }
    return ProbabilityTable.of(promptLogprobs, vocabularySize);
  }
}
