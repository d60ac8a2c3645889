package dev.nexttoken.cohere.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.ToolCall;
import dev.nexttoken.Usage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /v2/chat} responses to neutral values. The pieces (finish reason, usage, extras) are also
 * used for the stream's {@code message-end}, so a collected stream equals the non-streamed answer.
 */
public final class ResponseMapper {
  /** Prefix of the billed-unit extras: {@code billed_units.input_tokens -> "9"}. */
  public static final String BILLED_UNITS = "billed_units.";

  /** Extra naming the prompt tokens served from Cohere's cache, when reported. */
  public static final String CACHED_TOKENS = "cached_tokens";

  private ResponseMapper() {}

  /**
   * The neutral answer: the text items as text; the thinking items, then the tool plan, as
   * reasoning (both are the model's working, kept apart from its answer); the tool calls with
   * their arguments text as sent.
   *
   * @param headers what the response headers said
   * @param logprobsRequested whether logprobs were asked for; the list is null unless they were and the answer carries a list
   */
  public static Completion completion(ChatResponseBody body, ResponseMetadata headers, boolean logprobsRequested, LogprobMapper logprobs) {
    ResponseMetadata metadata = headers.withExtras(extras(body.usage()));
    if (body.id() != null) {
      metadata = metadata.withResponseId(body.id());
    }
    ChatResponseBody.AssistantMessage message = body.message();
    return new Completion(
        text(message, "text"),
        finishReason(body.finishReason()),
        usage(body.usage()),
        null, // the v2 response does not name the model that answered
        metadata,
        logprobsRequested ? logprobs.map(body.logprobs()) : null,
        null,
        toolCalls(message),
        reasoning(message),
        null, // Cohere's logprobs cover content tokens only
        List.of());
  }

  /** The items of {@code type} joined: {@code text} items are the answer, {@code thinking} items the reasoning. */
  static String text(ChatResponseBody.AssistantMessage message, String type) {
    if (message == null || message.content() == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (ChatResponseBody.ContentItem item : message.content()) {
      if (item == null || !type.equals(item.type())) {
        continue;
      }
      String piece = type.equals("thinking") ? item.thinking() : item.text();
      if (piece != null) {
        text.append(piece);
      }
    }
    return text.toString();
  }

  /** Thinking, then the tool plan, in the order a stream sends them; null when there is neither. */
  private static String reasoning(ChatResponseBody.AssistantMessage message) {
    String thinking = text(message, "thinking");
    String plan = message == null || message.toolPlan() == null ? "" : message.toolPlan();
    String reasoning = thinking + plan;
    return reasoning.isEmpty() ? null : reasoning;
  }

  private static List<ToolCall> toolCalls(ChatResponseBody.AssistantMessage message) {
    if (message == null || message.toolCalls() == null) {
      return List.of();
    }
    return message.toolCalls().stream().filter(Objects::nonNull).map(WireToolCall::toToolCall).toList();
  }

  /**
   * Cohere's finish reason in neutral terms, the raw value kept. {@code TIMEOUT} (Cohere stopped
   * the generation on its own time limit) is {@code OTHER}: neither the token limit the caller set
   * nor a failure of the text produced so far.
   */
  public static FinishReason finishReason(String raw) {
    if (raw == null) {
      return null;
    }
    FinishReason.Kind kind = switch (raw) {
      case "COMPLETE", "STOP_SEQUENCE" -> FinishReason.Kind.STOP;
      case "MAX_TOKENS" -> FinishReason.Kind.LENGTH;
      case "TOOL_CALL" -> FinishReason.Kind.TOOL_CALLS;
      case "ERROR" -> FinishReason.Kind.ERROR;
      default -> FinishReason.Kind.OTHER;
    };
    return FinishReason.of(kind, raw);
  }

  /**
   * What the model processed ({@code usage.tokens}), and {@code usage.cached_tokens} as the cached
   * tokens (null when absent; Cohere documents no reasoning count, so that is null). Billed units are
   * not token counts and go to {@link #extras}.
   */
  public static Usage usage(WireUsage usage) {
    if (usage == null) {
      return Usage.UNKNOWN;
    }
    Integer cached = integer(usage.cachedTokens());
    if (usage.tokens() == null) {
      return cached == null ? Usage.UNKNOWN : Usage.UNKNOWN.withDetails(cached, null);
    }
    return Usage.of(usage.tokens().inputTokens(), usage.tokens().outputTokens()).withDetails(cached, null);
  }

  /** A whole number (Cohere's SDK types counts as floats: {@code 200.0} is 200), else null. */
  private static Integer integer(JsonNode node) {
    if (node == null || !node.isNumber() || !node.canConvertToInt()) {
      return null;
    }
    double value = node.doubleValue();
    return value == Math.rint(value) ? (int) value : null;
  }

  /** The billed units ({@code billed_units.<kind>}) and cached tokens, numbers written without a spurious {@code .0}. */
  public static Map<String, String> extras(WireUsage usage) {
    if (usage == null) {
      return Map.of();
    }
    Map<String, String> extras = new LinkedHashMap<>();
    if (usage.billedUnits() != null && usage.billedUnits().isObject()) {
      usage.billedUnits().properties().forEach(e -> {
        String value = number(e.getValue());
        if (value != null) {
          extras.put(BILLED_UNITS + e.getKey(), value);
        }
      });
    }
    String cached = number(usage.cachedTokens());
    if (cached != null) {
      extras.put(CACHED_TOKENS, cached);
    }
    return extras;
  }

  private static String number(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return null;
    }
    // The SDK types billed units as floats: 9.0 and 9 are the same count.
    BigDecimal value = node.decimalValue().stripTrailingZeros();
    return value.scale() <= 0 ? value.toBigInteger().toString() : value.toPlainString();
  }
}
