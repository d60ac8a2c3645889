package dev.nexttoken.gemini.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GenerateContentResponse}s to neutral values. A stream sends whole responses too, each with
 * the new text and logprobs, so the blocking answer and each stream event go through the same
 * pieces and a collected stream equals the blocking answer.
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
   * The neutral blocking answer.
   *
   * @param headers what the response headers said
   * @param topLogprobs alternatives asked for, or -1 when logprobs were not asked for (the list is then null)
   */
  public static Completion completion(GenerateResponseBody body, ResponseMetadata headers, int topLogprobs) {
    GenerateResponseBody.Candidate candidate = candidate(body);
    Map<String, String> extras = extras(body, candidate);
    if (candidate != null && candidate.avgLogprobs() != null) {
      extras.put(AVG_LOGPROBS, String.valueOf(candidate.avgLogprobs()));
    }
    if (candidate != null && candidate.logprobsResult() != null && candidate.logprobsResult().logProbabilitySum() != null) {
      extras.put(LOG_PROBABILITY_SUM, String.valueOf(candidate.logprobsResult().logProbabilitySum()));
    }
    ResponseMetadata metadata = headers.withExtras(extras);
    if (body.responseId() != null) {
      metadata = metadata.withResponseId(body.responseId());
    }
    return new Completion(text(candidate), finishReason(body, candidate), usage(body.usageMetadata()), body.modelVersion(),
        metadata, logprobs(candidate, topLogprobs), null);
  }

  /**
   * One stream event as a chunk. Usage is cumulative on every event: each chunk carries it and the
   * last one wins when collected. {@code avgLogprobs} and {@code logProbabilitySum} are left out: an
   * event's figure covers only its own tokens, and the last event's would pass for the whole answer's.
   */
  public static Chunk chunk(GenerateResponseBody body, int topLogprobs) {
    GenerateResponseBody.Candidate candidate = candidate(body);
    return new Chunk(text(candidate), logprobs(candidate, topLogprobs), finishReason(body, candidate),
        body.usageMetadata() == null ? null : usage(body.usageMetadata()), body.modelVersion(), body.responseId(), extras(body, candidate));
  }

  /** Candidate index 0, or the first when none says its index. */
  static GenerateResponseBody.Candidate candidate(GenerateResponseBody body) {
    List<GenerateResponseBody.Candidate> candidates = body.candidates();
    if (candidates == null || candidates.isEmpty()) {
      return null;
    }
    for (GenerateResponseBody.Candidate c : candidates) {
      if (c != null && (c.index() == null || c.index() == 0)) {
        return c;
      }
    }
    return candidates.get(0);
  }

  /** The text parts joined; thought summaries ({@code thought: true}) are not part of the answer. */
  static String text(GenerateResponseBody.Candidate candidate) {
    if (candidate == null || candidate.content() == null || candidate.content().parts() == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (GenerateResponseBody.Part part : candidate.content().parts()) {
      if (part != null && part.text() != null && !Boolean.TRUE.equals(part.thought())) {
        text.append(part.text());
      }
    }
    return text.toString();
  }

  private static List<TokenLogprob> logprobs(GenerateResponseBody.Candidate candidate, int topLogprobs) {
    if (topLogprobs < 0 || candidate == null) {
      return null;
    }
    return LogprobMapper.map(candidate.logprobsResult(), topLogprobs);
  }

  /** The candidate's finish reason, or for a blocked prompt (no candidate) the block reason. */
  static FinishReason finishReason(GenerateResponseBody body, GenerateResponseBody.Candidate candidate) {
    if (candidate != null && candidate.finishReason() != null) {
      return finishReason(candidate.finishReason());
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
   * stop sequence (and also ends a tool call: Gemini has no tool-call reason); the safety, recitation,
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

  private static Map<String, String> extras(GenerateResponseBody body, GenerateResponseBody.Candidate candidate) {
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
