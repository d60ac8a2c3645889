package dev.nexttoken.openai.internal.responses;

import dev.nexttoken.ToolCall;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;

/**
 * What the SDK reads of a Responses {@code Response} object (wire-formats-2 §1.3): a whole answer,
 * or the one a stream's terminal event carries.
 *
 * @param text the {@code output_text} and {@code refusal} parts of every {@code message} item, in order
 * @param refusal the refusal parts' text, or null when the model did not refuse
 * @param logprobs the {@code output_text} parts' logprobs in order; null when no part had a list
 *     (or logprobs were not asked for, so not read)
 * @param calls the {@code function_call} items as tool calls, in order; empty when none
 * @param reasoning the {@code reasoning} items' text, or null when none showed any (or it was not read)
 * @param error {@code error.code} and {@code error.message}, or null
 * @param incompleteReason {@code incomplete_details.reason}, or null
 * @param usage the usage, or null when absent
 */
record WireResponse(
    String id,
    String model,
    String status,
    String text,
    String refusal,
    List<TokenLogprob> logprobs,
    List<ToolCall> calls,
    String reasoning,
    WireError error,
    String incompleteReason,
    Usage usage) {

  /** {@code {code, message}} of a failed response or of an {@code error} event. */
  record WireError(String code, String message) {}
}
