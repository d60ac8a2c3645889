package dev.nexttoken.ollama.internal;

import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.ToolCall;
import dev.nexttoken.Usage;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import dev.nexttoken.logprob.Logprobs;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ollama response objects to neutral values. The pieces (finish reason, usage, extras, logprobs,
 * tool calls) serve the blocking answer and each stream line alike, so a collected stream equals
 * the blocking answer.
 */
public final class ResponseMapper {
  /** Extras: the durations of the {@code done} object, in nanoseconds, under Ollama's own names. */
  public static final List<String> DURATIONS = List.of("total_duration", "load_duration", "prompt_eval_duration", "eval_duration");

  private static final Comparator<TokenCandidate> MOST_LIKELY_FIRST = Comparator.comparingDouble(TokenCandidate::logprob).reversed();

  private ResponseMapper() {}

  /**
   * The neutral answer of a blocking call: the message's text, its tool calls, its reasoning
   * ({@code thinking}) apart from the text, and the logprobs split between the two
   * ({@link ReasoningSplit}).
   *
   * @param logprobsRequested whether logprobs were asked for: an answer with text but none comes from a server too old for them
   * @throws MalformedResponseException when the object is not a finished answer ({@code done} not true)
   *     (the answer is kept, logprobs null, and {@link #MISSING_LOGPROBS} under the extra {@code warning}:
   *     throwing a paid answer away for a missing extra would be worse)
   */
  public static Completion completion(ResponseBody body, ResponseMetadata headers, boolean logprobsRequested) {
    if (!body.isDone()) {
      throw new MalformedResponseException(OllamaWire.PROVIDER + ": the answer is not finished (\"done\" is not true);"
          + " the server may have streamed although \"stream\": false was sent", ErrorDetails.of(OllamaWire.PROVIDER));
    }
    Map<String, String> extras = extras(body);
    if (logprobsRequested && body.logprobs() == null && (!body.text().isEmpty() || body.hasThinking())) {
      extras = withWarning(extras);
    }
    List<ToolCall> calls = body.toolCalls().stream().map(ResponseMapper::toolCall).toList();
    ReasoningSplit.Parts parts = ReasoningSplit.of(logprobs(body.logprobs()), body.hasThinking(), body.text());
    return new Completion(body.text(), finishReason(body, !calls.isEmpty()), usage(body), body.model(),
        headers.withExtras(extras), parts.answer(), null, calls, body.hasThinking() ? body.thinkingText() : null,
        parts.reasoning(), List.of());
  }

  /**
   * One of Ollama's tool calls. Its {@code arguments} object becomes compact JSON text, keys in the
   * order received ({@link CompactJson}); none sent is {@code ""}. Ollama's {@code function.index}
   * is the call's position, which the order of the calls already keeps.
   */
  public static ToolCall toolCall(WireToolCall call) {
    WireToolCall.Function f = call.function();
    if (f == null || f.name() == null) {
      throw new IllegalArgumentException("a tool call has no function name");
    }
    return new ToolCall(call.id(), f.name(), f.arguments());
  }

  /**
   * Logprobs were asked for and tokens came without any: Ollama before {@value OllamaWire#LOGPROBS_SINCE}
   * ignores the request (§3.5 of the wire notes); Ollama Cloud sends none either.
   */
  public static final String MISSING_LOGPROBS = OllamaWire.PROVIDER + ": logprobs were requested but the server sent none;"
      + " Ollama reports logprobs from version " + OllamaWire.LOGPROBS_SINCE + " on (older servers ignore the request,"
      + " and Ollama Cloud sends none). Check the server's version (GET /api/version) and upgrade it, or ask without logprobs";

  /** {@code extras} plus the {@code warning} that logprobs were asked for and none came. */
  public static Map<String, String> withWarning(Map<String, String> extras) {
    Map<String, String> out = new java.util.LinkedHashMap<>(extras);
    out.put("warning", MISSING_LOGPROBS);
    return out;
  }

  /**
   * {@code done_reason}: {@code stop} is STOP, or TOOL_CALLS when the answer called tools (Ollama
   * says {@code stop} either way); {@code length} LENGTH; {@code load}, {@code unload} (a
   * request that only loaded or unloaded a model) and anything else OTHER; the raw value kept. A
   * finished object without one (servers before {@code done_reason} existed) is OTHER with no raw
   * value; an unfinished one has none.
   */
  public static FinishReason finishReason(ResponseBody body, boolean calledTools) {
    if (!body.isDone()) {
      return null;
    }
    String raw = body.doneReason();
    FinishReason.Kind kind = raw == null ? FinishReason.Kind.OTHER : switch (raw) {
      case "stop" -> calledTools ? FinishReason.Kind.TOOL_CALLS : FinishReason.Kind.STOP;
      case "length" -> FinishReason.Kind.LENGTH;
      default -> FinishReason.Kind.OTHER;
    };
    return FinishReason.of(kind, raw);
  }

  /**
   * {@code prompt_eval_count} and {@code eval_count}; absent ones (Ollama leaves out zeros, and a
   * cached prompt's count on older servers) are unknown. Ollama reports no cached or reasoning counts.
   */
  public static Usage usage(ResponseBody body) {
    if (body.promptEvalCount() == null && body.evalCount() == null) {
      return Usage.UNKNOWN;
    }
    return Usage.of(body.promptEvalCount(), body.evalCount());
  }

  /** The durations reported, in nanoseconds as decimal text. */
  public static Map<String, String> extras(ResponseBody body) {
    Map<String, String> extras = new LinkedHashMap<>();
    put(extras, DURATIONS.get(0), body.totalDuration());
    put(extras, DURATIONS.get(1), body.loadDuration());
    put(extras, DURATIONS.get(2), body.promptEvalDuration());
    put(extras, DURATIONS.get(3), body.evalDuration());
    return extras;
  }

  private static void put(Map<String, String> extras, String name, Long nanos) {
    if (nanos != null) {
      extras.put(name, Long.toString(nanos));
    }
  }

  /** Neutral logprobs of an object's {@code logprobs}, or null when it has none. */
  public static List<TokenLogprob> logprobs(List<ResponseBody.WireLogprob> entries) {
    if (entries == null) {
      return null;
    }
    List<TokenLogprob> tokens = new ArrayList<>(entries.size());
    for (ResponseBody.WireLogprob e : entries) {
      if (e == null) {
        throw new IllegalArgumentException("a logprobs entry is null");
      }
      List<TokenCandidate> top = new ArrayList<>();
      if (e.topLogprobs() != null) {
        for (ResponseBody.WireLogprob c : e.topLogprobs()) {
          if (c == null || c.logprob() == null) {
            throw new IllegalArgumentException("an entry of top_logprobs has no logprob");
          }
          top.add(new TokenCandidate(token(c), bytes(c.bytes()), null, Logprobs.fromProviderLogprob(c.logprob())));
        }
        top.sort(MOST_LIKELY_FIRST);
      }
      Double logprob = e.logprob() == null ? null : Logprobs.fromProviderLogprob(e.logprob());
      tokens.add(new TokenLogprob(token(e), bytes(e.bytes()), null, logprob, top));
    }
    return tokens;
  }

  private static String token(ResponseBody.WireLogprob e) {
    return e.token() == null ? "" : e.token();
  }

  private static byte[] bytes(List<Integer> values) {
    if (values == null) {
      return null;
    }
    byte[] bytes = new byte[values.size()];
    for (int i = 0; i < bytes.length; i++) {
      Integer b = values.get(i);
      if (b == null || b < 0 || b > 255) {
        throw new IllegalArgumentException("a token byte must be 0-255, was " + b);
      }
      bytes[i] = (byte) (int) b;
    }
    return bytes;
  }
}
