package dev.nexttoken.openai.internal.responses;

import dev.nexttoken.ToolCall;
import dev.nexttoken.ToolCallDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The function calls of one stream, numbered 0, 1, ... in the order they start: the
 * {@link ToolCallDelta#index() index} every piece of a call carries, so that collecting the stream
 * joins each call's pieces as the blocking answer has them.
 *
 * <p>A call is an output item: {@code response.output_item.added} starts it (with {@code call_id},
 * {@code name} and usually {@code arguments: ""}), {@code response.function_call_arguments.delta}
 * events add fragments, and {@code response.function_call_arguments.done} and
 * {@code response.output_item.done} repeat the whole arguments (wire-formats-2 §1.4). Events name
 * their item by {@code item_id} and {@code output_index}; either finds the call. The repeats add
 * only what the fragments lacked (all of it, for a server that sends no fragments), so the collected
 * arguments equal the blocking answer's byte for byte either way; a repeat that contradicts the
 * fragments already streamed is ignored, since they cannot be taken back. Not thread-safe.
 */
final class StreamedCalls {
  private final Map<String, Call> byItem = new HashMap<>();
  private final Map<Integer, Call> byOutputIndex = new HashMap<>();
  private int count;

  private static final class Call {
    final int index;
    final StringBuilder arguments = new StringBuilder();
    boolean named;
    boolean identified;

    Call(int index) {
      this.index = index;
    }
  }

  /** Whether any call was seen. */
  boolean any() {
    return count > 0;
  }

  /**
   * An event that states a call as it stands: {@code response.output_item.added} (its first piece),
   * {@code response.function_call_arguments.done} or {@code response.output_item.done} (a repeat).
   * The piece it adds, or null when the call's earlier pieces said it all.
   */
  ToolCallDelta whole(String itemId, Integer outputIndex, String callId, String name, String arguments) {
    Call call = find(itemId, outputIndex);
    return call == null ? piece(start(itemId, outputIndex), callId, name, arguments) : repeated(call, callId, name, arguments);
  }

  /** {@code response.function_call_arguments.delta}: the next fragment. */
  ToolCallDelta fragment(String itemId, Integer outputIndex, String delta) {
    Call call = find(itemId, outputIndex);
    return piece(call == null ? start(itemId, outputIndex) : call, null, null, delta);
  }

  /** The calls of a terminal event's response when the events before it showed none (a server that streams no call events). */
  List<ToolCallDelta> unseen(List<ToolCall> calls) {
    if (any()) {
      return List.of();
    }
    List<ToolCallDelta> out = new ArrayList<>(calls.size());
    for (ToolCall c : calls) {
      out.add(piece(start(null, null), c.id(), c.name(), c.arguments()));
    }
    return out;
  }

  private Call find(String itemId, Integer outputIndex) {
    Call call = itemId == null ? null : byItem.get(itemId);
    return call != null || outputIndex == null ? call : byOutputIndex.get(outputIndex);
  }

  private Call start(String itemId, Integer outputIndex) {
    Call call = new Call(count++);
    if (itemId != null) {
      byItem.put(itemId, call);
    }
    if (outputIndex != null) {
      byOutputIndex.put(outputIndex, call);
    }
    return call;
  }

  private static ToolCallDelta piece(Call call, String callId, String name, String arguments) {
    call.identified |= callId != null;
    call.named |= name != null;
    if (arguments != null) {
      call.arguments.append(arguments);
    }
    return new ToolCallDelta(call.index, callId, name, arguments);
  }

  /** A repeat of what a call said: only what it adds, or null. */
  private static ToolCallDelta repeated(Call call, String callId, String name, String arguments) {
    String rest = "";
    if (arguments != null && arguments.length() > call.arguments.length() && arguments.startsWith(call.arguments.toString())) {
      rest = arguments.substring(call.arguments.length());
    }
    boolean news = !rest.isEmpty() || !call.identified && callId != null || !call.named && name != null;
    return news ? piece(call, call.identified ? null : callId, call.named ? null : name, rest) : null;
  }
}
