package dev.nexttoken.openai.internal.responses;

import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.FinishReason.Kind;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.StreamErrorException;
import dev.nexttoken.wire.openai.Responses;
import java.util.List;
import java.util.Map;

/**
 * A Responses answer in neutral terms, the same for a whole answer and a stream's terminal event.
 *
 * <p>The finish reason keeps {@code status} as its raw value, except for an incomplete answer, whose
 * raw value is {@code incomplete_details.reason} (the more precise of the two):
 *
 * <table>
 *   <caption>status to finish reason</caption>
 *   <tr><th>status</th><th>kind</th></tr>
 *   <tr><td>{@code completed}</td><td>{@code STOP}; {@code CONTENT_FILTER} when the model refused
 *       (a {@code refusal} part); {@code TOOL_CALLS} when the output holds a {@code function_call}.
 *       The Responses API names no tool-call finish, but a caller's tool loop asks the finish reason
 *       whether to run tools, as it does for chat completions' {@code tool_calls}: the same kind
 *       answers on both routes, the raw value staying {@code completed}</td></tr>
 *   <tr><td>{@code incomplete}</td><td>{@code max_output_tokens}: {@code LENGTH}; {@code content_filter}:
 *       {@code CONTENT_FILTER}; another reason: {@code OTHER}</td></tr>
 *   <tr><td>{@code failed}</td><td>none: a {@link StreamErrorException}</td></tr>
 *   <tr><td>anything else ({@code cancelled}, ...)</td><td>{@code OTHER}</td></tr>
 * </table>
 */
final class ResponsesMapping {
  private ResponsesMapping() {}

  static FinishReason finishReason(WireResponse response, boolean refused, boolean functionCall) {
    String status = response.status();
    if (status == null) {
      return null;
    }
    if (status.equals("incomplete")) {
      String reason = response.incompleteReason();
      if (reason == null) {
        return FinishReason.of(Kind.OTHER, status);
      }
      return FinishReason.of(switch (reason) {
        case "max_output_tokens" -> Kind.LENGTH;
        case "content_filter" -> Kind.CONTENT_FILTER;
        default -> Kind.OTHER;
      }, reason);
    }
    if (status.equals("completed")) {
      return FinishReason.of(refused ? Kind.CONTENT_FILTER : functionCall ? Kind.TOOL_CALLS : Kind.STOP, status);
    }
    return FinishReason.of(Kind.OTHER, status);
  }

  /** The refusal's text as the extra {@code "refusal"}, or none. */
  static Map<String, String> extras(String refusal) {
    return refusal == null ? Map.of() : Map.of(Responses.REFUSAL, refusal);
  }

  /**
   * The exception for a response that failed after HTTP 200 ({@code status: failed}, the
   * {@code response.failed} event, an {@code error} event): the provider's {@code error.code} (for
   * example {@code server_error}, {@code rate_limit_exceeded}, {@code invalid_prompt}) and message.
   * Not retried: a stream had started, and a blocking answer is treated alike.
   */
  static StreamErrorException failed(String provider, WireResponse.WireError error, String requestId) {
    String code = error == null ? null : error.code();
    String message = error == null || error.message() == null || error.message().isBlank() ? "no error message" : error.message().strip();
    StringBuilder text = new StringBuilder(provider).append(": the response failed");
    if (code != null) {
      text.append(" (").append(code).append(')');
    }
    text.append(": ").append(message);
    if (requestId != null) {
      text.append(" [request id ").append(requestId).append(']');
    }
    return new StreamErrorException(text.toString(),
        new ErrorDetails(provider, 200, null, code, error == null ? null : error.message(), requestId, null, false));
  }

  /** A whole answer as a completion; a failed one is thrown. */
  static Completion toCompletion(WireResponse response, ResponseMetadata headers, String provider) {
    if ("failed".equals(response.status()) || response.status() == null && response.error() != null) {
      throw failed(provider, response.error(), headers.requestId());
    }
    FinishReason finish = finishReason(response, response.refusal() != null, !response.calls().isEmpty());
    return new Completion(response.text(), finish, response.usage(), response.model(),
        Responses.metadata(headers, response.id(), extras(response.refusal())), response.logprobs(), null,
        response.calls(), response.reasoning(), null, List.of());
  }
}
