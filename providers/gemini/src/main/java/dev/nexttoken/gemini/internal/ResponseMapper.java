package dev.nexttoken.gemini.internal;

import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.ToolCall;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GenerateContentResponse}s to neutral values. A stream sends whole responses too, each with
 * the new parts and logprobs, so the blocking answer and each stream event ({@link StreamMapper})
 * go through the same pieces and a collected stream equals the blocking answer.
 */
public final class ResponseMapper {
  /** Extra: the candidate's mean logprob as Gemini reports it (blocking answers only; see {@code GeminiModel}). */
  public static final String AVG_LOGPROBS = "avgLogprobs";
  /** Extra: the sum of the chosen logprobs as Gemini reports it (blocking answers; Vertex AI sends none). */
  public static final String LOG_PROBABILITY_SUM = "logProbabilitySum";
  /** Extra: Gemini's explanation of the finish reason, when it gives one. */
  public static final String FINISH_MESSAGE = "finishMessage";
  /** Extra: why the prompt was blocked ({@code SAFETY}, {@code BLOCKLIST}, ...). */
  public static final String BLOCK_REASON = "promptFeedback.blockReason";
  /** Extra: the message that comes with a block reason. */
  public static final String BLOCK_REASON_MESSAGE = "promptFeedback.blockReasonMessage";
  /** Extra: prompt tokens of tool results, counted in the total but not in the prompt. */
  public static final String TOOL_USE_PROMPT_TOKENS = "usage.toolUsePromptTokenCount";

  private ResponseMapper() {}

  /**
   * The neutral blocking answer: candidate index 0 (absent in proto3 JSON) and, when several were
   * asked for, the others in index order as {@link Completion#otherChoices()}. Every choice carries
   * the response's usage (Gemini counts all candidates together), model and ids, as a collected
   * stream's choices do; the extras are each candidate's own.
   *
   * @param headers what the response headers said
   * @param topLogprobs alternatives asked for, or -1 when logprobs were not asked for (the list is then null)
   */
  public static Completion completion(GenerateResponseBody body, ResponseMetadata headers, int topLogprobs) {
    ResponseMetadata base = body.responseId() == null ? headers : headers.withResponseId(body.responseId());
    Usage usage = usage(body.usageMetadata());
    List<GenerateResponseBody.Candidate> candidates = candidates(body);
    if (candidates.isEmpty()) {
      return new Completion("", finishReason(body, null, false), usage, body.modelVersion(), base.withExtras(extras(body, null)), null,
          null);
    }
    List<Completion> choices = new ArrayList<>(candidates.size());
    for (GenerateResponseBody.Candidate candidate : candidates) {
      Map<String, String> extras = extras(body, candidate);
      if (candidate.avgLogprobs() != null) {
        extras.put(AVG_LOGPROBS, String.valueOf(candidate.avgLogprobs()));
      }
      if (candidate.logprobsResult() != null && candidate.logprobsResult().logProbabilitySum() != null) {
        extras.put(LOG_PROBABILITY_SUM, String.valueOf(candidate.logprobsResult().logProbabilitySum()));
      }
      List<ToolCall> calls = toolCalls(candidate);
      String reasoning = reasoning(candidate);
      choices.add(new Completion(text(candidate), finishReason(body, candidate, !calls.isEmpty()), usage, body.modelVersion(),
          base.withExtras(extras), logprobs(candidate, topLogprobs), null, calls, reasoning.isEmpty() ? null : reasoning, null, List.of()));
    }
    return choices.get(0).withOtherChoices(choices.subList(1, choices.size()));
  }

  /** The candidates in index order (an absent index is 0); empty for a blocked prompt. */
  static List<GenerateResponseBody.Candidate> candidates(GenerateResponseBody body) {
    if (body.candidates() == null) {
      return List.of();
    }
    List<GenerateResponseBody.Candidate> out = new ArrayList<>(body.candidates().size());
    for (GenerateResponseBody.Candidate c : body.candidates()) {
      if (c != null) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparingInt(ResponseMapper::index)); // stable: equal indexes keep Gemini's order
    return out;
  }

  /** The candidate's index, 0 when absent (proto3 JSON leaves out a 0). */
  static int index(GenerateResponseBody.Candidate candidate) {
    return candidate.index() == null ? 0 : candidate.index();
  }

  /** The answer's text parts joined; thought summaries ({@code thought: true}) are not part of it. */
  static String text(GenerateResponseBody.Candidate candidate) {
    return joined(candidate, false);
  }

  /** The thought summaries joined, {@code ""} when there are none. */
  static String reasoning(GenerateResponseBody.Candidate candidate) {
    return joined(candidate, true);
  }

  private static String joined(GenerateResponseBody.Candidate candidate, boolean thoughts) {
    StringBuilder text = new StringBuilder();
    for (GenerateResponseBody.Part part : parts(candidate)) {
      if (part.text() != null && Boolean.TRUE.equals(part.thought()) == thoughts) {
        text.append(part.text());
      }
    }
    return text.toString();
  }

  /**
   * The candidate's {@code functionCall} parts, in order: the id when Gemini gives one, and
   * {@code args} as compact JSON text ({@code {}} when absent), normalised from the object Gemini
   * sends ({@link JsonObjects#text}). The part's {@code thoughtSignature} is kept in the call's
   * provider data ({@link GeminiWire#THOUGHT_SIGNATURE}); of parallel calls only the first has one.
   */
  static List<ToolCall> toolCalls(GenerateResponseBody.Candidate candidate) {
    List<ToolCall> calls = new ArrayList<>();
    for (GenerateResponseBody.Part part : parts(candidate)) {
      GenerateResponseBody.FunctionCall call = part.functionCall();
      if (call != null) {
        Map<String, String> data = part.thoughtSignature() == null ? Map.of() : Map.of(GeminiWire.THOUGHT_SIGNATURE, part.thoughtSignature());
        calls.add(new ToolCall(call.id(), call.name() == null ? "" : call.name(), JsonObjects.text(call.args()), null, data));
      }
    }
    return calls;
  }

  private static List<GenerateResponseBody.Part> parts(GenerateResponseBody.Candidate candidate) {
    if (candidate == null || candidate.content() == null || candidate.content().parts() == null) {
      return List.of();
    }
    List<GenerateResponseBody.Part> parts = new ArrayList<>(candidate.content().parts());
    parts.removeIf(java.util.Objects::isNull);
    return parts;
  }

  static List<TokenLogprob> logprobs(GenerateResponseBody.Candidate candidate, int topLogprobs) {
    if (topLogprobs < 0 || candidate == null) {
      return null;
    }
    return LogprobMapper.map(candidate.logprobsResult(), topLogprobs);
  }

  /**
   * The candidate's finish reason, or for a blocked prompt (no candidate) the block reason. Gemini
   * ends a turn that calls functions with {@code STOP}: when the candidate made calls, that is
   * reported as {@code TOOL_CALLS} (the raw value stays {@code STOP}), so a caller can tell "run
   * the tools" from "done" as with every other provider.
   *
   * @param calls whether the candidate made function calls (in a stream: in any of its events)
   */
  static FinishReason finishReason(GenerateResponseBody body, GenerateResponseBody.Candidate candidate, boolean calls) {
    if (candidate != null && candidate.finishReason() != null) {
      FinishReason reason = finishReason(candidate.finishReason());
      return calls && reason.kind() == FinishReason.Kind.STOP ? FinishReason.of(FinishReason.Kind.TOOL_CALLS, reason.raw()) : reason;
    }
    String blocked = body.promptFeedback() == null ? null : body.promptFeedback().blockReason();
    if (blocked != null && candidate == null) {
      // OTHER and unknown reasons say nothing about content; the rest are filters.
      boolean filter = !blocked.equals("OTHER") && !blocked.equals("BLOCK_REASON_UNSPECIFIED");
      return FinishReason.of(filter ? FinishReason.Kind.CONTENT_FILTER : FinishReason.Kind.OTHER, blocked);
    }
    return null;
  }

  /**
   * Gemini's finish reason in neutral terms, the raw value kept. {@code STOP} is a natural end or a
   * stop sequence (and also ends a tool call: Gemini has no tool-call reason, see
   * {@link #finishReason(GenerateResponseBody, GenerateResponseBody.Candidate, boolean)}); the safety, recitation,
   * blocklist, prohibited-content and personal-data reasons are filters; a malformed function call
   * is an error; {@code LANGUAGE}, {@code OTHER}, the tool-call limits, the image reasons that are
   * not filters and anything new are {@code OTHER}.
   */
  public static FinishReason finishReason(String raw) {
    FinishReason.Kind kind = switch (raw) {
      case "STOP" -> FinishReason.Kind.STOP;
      case "MAX_TOKENS" -> FinishReason.Kind.LENGTH;
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
          "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> FinishReason.Kind.CONTENT_FILTER;
      case "MALFORMED_FUNCTION_CALL" -> FinishReason.Kind.ERROR;
      default -> FinishReason.Kind.OTHER;
    };
    return FinishReason.of(kind, raw);
  }

  /**
   * Gemini's counts: {@code completionTokens} is {@code candidatesTokenCount} alone (thinking tokens
   * are {@code thoughtsTokenCount}, reported as {@code reasoningTokens}, and are in the total);
   * {@code cachedContentTokenCount} is {@code cachedTokens}. A count Gemini leaves out stays null.
   */
  public static Usage usage(GenerateResponseBody.UsageMetadata u) {
    if (u == null) {
      return Usage.UNKNOWN;
    }
    return new Usage(u.promptTokenCount(), u.candidatesTokenCount(), u.totalTokenCount(), u.cachedContentTokenCount(), u.thoughtsTokenCount());
  }

  static Map<String, String> extras(GenerateResponseBody body, GenerateResponseBody.Candidate candidate) {
    Map<String, String> extras = new LinkedHashMap<>();
    if (candidate != null) {
      if (candidate.finishMessage() != null) {
        extras.put(FINISH_MESSAGE, candidate.finishMessage());
      }
    }
    if (body.promptFeedback() != null) {
      if (body.promptFeedback().blockReason() != null) {
        extras.put(BLOCK_REASON, body.promptFeedback().blockReason());
      }
      if (body.promptFeedback().blockReasonMessage() != null) {
        extras.put(BLOCK_REASON_MESSAGE, body.promptFeedback().blockReasonMessage());
      }
    }
    if (body.usageMetadata() != null && body.usageMetadata().toolUsePromptTokenCount() != null) {
      extras.put(TOOL_USE_PROMPT_TOKENS, String.valueOf(body.usageMetadata().toolUsePromptTokenCount()));
    }
    return extras;
  }
}
