package dev.nexttoken.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.ToolCall;
import dev.nexttoken.ToolCallDelta;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns stream chunks back into the {@link Completion} a non-streaming call returns.
 *
 * <p>Per choice: text deltas are concatenated and each chunk's logprobs appended exactly once;
 * tool-call pieces are joined per call index (id and name from the first piece that has them,
 * argument fragments in order), so the collected calls equal the blocking answer's byte for byte;
 * reasoning text and its logprobs are kept apart the same way; the finish reason is the last seen.
 * Usage is the last seen; model and response id the first seen. Logprobs follow
 * {@link Completion#logprobs()}: null unless some chunk carried them (an empty list counts),
 * whether or not they were requested. Not thread-safe: one accumulator per stream.
 */
public final class CompletionAccumulator {
  private final Map<Integer, ChoiceState> choices = new TreeMap<>();
  private Usage usage;
  private String model;
  private String responseId;
  private ResponseMetadata metadata;

  /** @param metadata what the response headers said (request id, rate limits) */
  public CompletionAccumulator(ResponseMetadata metadata) {
    this.metadata = metadata == null ? ResponseMetadata.EMPTY : metadata;
    choices.put(0, new ChoiceState());
  }

  /** Adds one chunk. */
  public void add(Chunk chunk) {
    choices.computeIfAbsent(chunk.choice(), i -> new ChoiceState()).add(chunk);
    if (chunk.usage() != null) {
      usage = chunk.usage();
    }
    if (model == null) {
      model = chunk.model();
    }
    if (responseId == null) {
      responseId = chunk.responseId();
    }
    metadata = metadata.withExtras(chunk.extras());
  }

  /** The response so far: choice 0, with any other choices in index order. */
  public Completion result() {
    ResponseMetadata meta = responseId == null ? metadata : metadata.withResponseId(responseId);
    List<Completion> others = new ArrayList<>();
    Completion first = null;
    for (ChoiceState c : choices.values()) {
      Completion one = c.result(usage, model, meta);
      if (first == null) {
        first = one;
      } else {
        others.add(one);
      }
    }
    return others.isEmpty() ? first : first.withOtherChoices(others);
  }

  /** What one choice's chunks added up to. */
  private static final class ChoiceState {
    private final StringBuilder text = new StringBuilder();
    private List<TokenLogprob> logprobs;
    private FinishReason finishReason;
    private final Map<Integer, CallState> calls = new TreeMap<>();
    private StringBuilder reasoning;
    private List<TokenLogprob> reasoningLogprobs;

    void add(Chunk chunk) {
      text.append(chunk.textDelta());
      if (chunk.logprobs() != null) {
        // Also when not asked for (a mapper passes on what a server sends anyway): extra data is
        // no reason to fail the stream, and what the chunks said is what the stream said.
        logprobs = append(logprobs, chunk.logprobs());
      }
      if (chunk.finishReason() != null) {
        finishReason = chunk.finishReason();
      }
      for (ToolCallDelta d : chunk.toolCalls()) {
        calls.computeIfAbsent(d.index(), i -> new CallState()).add(d);
      }
      if (!chunk.reasoningDelta().isEmpty()) {
        reasoning = reasoning == null ? new StringBuilder() : reasoning;
        reasoning.append(chunk.reasoningDelta());
      }
      if (chunk.reasoningLogprobs() != null) {
        reasoningLogprobs = append(reasoningLogprobs, chunk.reasoningLogprobs());
      }
    }

    private static List<TokenLogprob> append(List<TokenLogprob> to, List<TokenLogprob> more) {
      List<TokenLogprob> out = to == null ? new ArrayList<>() : to;
      out.addAll(more);
      return out;
    }

    Completion result(Usage usage, String model, ResponseMetadata meta) {
      List<ToolCall> toolCalls = new ArrayList<>(calls.size());
      for (CallState c : calls.values()) {
        toolCalls.add(c.result());
      }
      return new Completion(text.toString(), finishReason, usage, model, meta, logprobs, null, toolCalls,
          reasoning == null ? null : reasoning.toString(), reasoningLogprobs, List.of());
    }
  }

  /** One tool call being assembled from its pieces. */
  private static final class CallState {
    private String id;
    private String name;
    private final StringBuilder arguments = new StringBuilder();
    private Map<String, String> providerData = Map.of();

    void add(ToolCallDelta d) {
      if (!d.providerData().isEmpty()) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(providerData);
        merged.putAll(d.providerData());
        providerData = merged;
      }
      if (id == null) {
        id = d.id();
      }
      if (name == null) {
        name = d.name();
      }
      arguments.append(d.argumentsDelta());
    }

    ToolCall result() {
      // A stream cut before the name arrived still yields the call, named as unknown rather than dropped.
      return new ToolCall(id, name == null ? "" : name, arguments.toString(), null, providerData);
    }
  }
}
